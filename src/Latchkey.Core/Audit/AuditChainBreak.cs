namespace Latchkey.Core.Audit;

/// <summary>
/// The first place the chain does not hold: the sequence number concerned, the row id when the row exists, and a
/// sentence for the operator.
/// </summary>
public sealed record AuditChainBreak(AuditChainBreakKind Kind, long Sequence, long? Id, string Message);
