namespace Latchkey.Core.Audit;

/// <summary>
/// What <see cref="VerifyAuditChainHandler"/> found: the number of records that verified, the head (the newest
/// record's sequence and hash, for anchoring elsewhere), and the first break when the chain is not intact.
/// </summary>
public sealed record AuditChainReport(long Records, long HeadSequence, string? HeadHash, AuditChainBreak? Break)
{
    public bool Intact => Break is null;
}
