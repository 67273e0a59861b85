namespace Latchkey.Core.Audit;

/// <summary>
/// The first place the chain does not hold: the sequence number concerned, the row id when the row exists, and a
/// sentence for the operator.
/// </summary>
public sealed record AuditChainBreak(AuditChainBreakKind Kind, long Sequence, long? Id, string Message)
{
    /// <summary><c>audit_key</c> when the key file is the problem, <c>audit_tampered</c> when the records are.</summary>
    public string Code => Kind is AuditChainBreakKind.KeyFileMissing or AuditChainBreakKind.WrongKey
        ? Common.ErrorCodes.AuditKey
        : Common.ErrorCodes.AuditTampered;
}
