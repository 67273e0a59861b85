namespace Latchkey.Core.Audit;

public enum AuditChainBreakKind
{
    /// <summary>The record's fields or hash differ from what was chained: changed after it was written.</summary>
    Altered,

    /// <summary>A sequence number has no record: deleted, or (after the head) cut off, which an anchor reveals.</summary>
    Missing,

    /// <summary>A record without sequence number or hash: written around the chain.</summary>
    Unchained,

    /// <summary>The record named by the operator's anchor carries another hash: the chain was rewritten from there.</summary>
    AnchorMismatch,

    /// <summary>The key file is missing, so the keyed part of the chain cannot be verified (a restore without it).</summary>
    KeyFileMissing,

    /// <summary>The key file is not the one the chain was keyed with, or the keying row was changed.</summary>
    WrongKey,

    /// <summary>The keying row (schema version 18) was deleted.</summary>
    KeyingRemoved,
}
