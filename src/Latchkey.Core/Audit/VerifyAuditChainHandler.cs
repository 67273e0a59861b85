using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Audit;

/// <summary>
/// Walks the audit log in sequence order, recomputing every hash from the stored fields (HMAC-SHA256 under the
/// <see cref="AuditChainKey"/> from the keying row's first keyed record on, SHA-256 before it), and reports the first
/// record that was changed, is missing (a gap in the sequence) or was written around the chain; otherwise the
/// number of records and the head.
/// </summary>
/// <remarks>
/// It reads one consistent snapshot (a single ordered query), so appends running meanwhile are simply not yet part
/// of it. What it proves and what it cannot (cutting off the newest records, or recomputing the whole chain, is only
/// caught against an <see cref="AuditAnchor"/> kept elsewhere) is in docs/audit.md.
/// </remarks>
public sealed class VerifyAuditChainHandler(LatchkeyDbContext db, AuditChainKey chainKey)
{
    public async Task<AuditChainReport> HandleAsync(AuditAnchor? anchor = null, CancellationToken cancellationToken = default)
    {
        // Rows without sequence or hash cannot be read into the model; find them by plain SQL first.
        var unchained = await db.Database
            .SqlQuery<long>($"SELECT \"Id\" AS \"Value\" FROM audit_events WHERE \"Sequence\" IS NULL OR \"Hash\" IS NULL")
            .OrderBy(id => id)
            .Take(1)
            .ToListAsync(cancellationToken);
        if (unchained.Count > 0)
        {
            return Broken(0, null, new AuditChainBreak(AuditChainBreakKind.Unchained, 0, unchained[0],
                $"record id {unchained[0]} has no sequence number or hash: it was written around the chain or stripped of it"));
        }

        var keying = await AuditChainKeying.ReadAsync(db, cancellationToken);
        if (keying is null)
        {
            return Broken(0, null, new AuditChainBreak(AuditChainBreakKind.KeyingRemoved, 0, null,
                "the audit chain's keying row (audit_chain_keying) is missing: it was deleted, so no record can be trusted"));
        }

        if (chainKey.TryRead() is not { } key)
        {
            return Broken(0, null, new AuditChainBreak(AuditChainBreakKind.KeyFileMissing, keying.KeyedFrom, null,
                $"the key file {chainKey.KeyFilePath} is missing: the audit chain is keyed from record {keying.KeyedFrom} on and cannot be verified without it. " +
                "Put the store's key file back beside it (or point Latchkey:KeyFile at it) and run again; do not start the server before, as it would create a new one"));
        }

        if (!keying.MadeWith(key))
        {
            return Broken(0, null, new AuditChainBreak(AuditChainBreakKind.WrongKey, keying.KeyedFrom, null,
                $"the key file {chainKey.KeyFilePath} is not the one this store's audit chain was keyed with (or the keying row was changed): " +
                "use the store's own key file (Latchkey:KeyFile)"));
        }

        long expected = 1;
        var previous = AuditChain.Genesis.ToArray();
        var events = db.AuditEvents.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable();
        await foreach (var auditEvent in events.WithCancellation(cancellationToken))
        {
            var sequence = auditEvent.Sequence;
            if (sequence > expected)
            {
                return Broken(expected - 1, previous, new AuditChainBreak(AuditChainBreakKind.Missing, expected, null,
                    $"record {expected} is missing: after record {expected - 1} comes record {sequence} (id {auditEvent.Id})"));
            }

            if (sequence < expected)
            {
                return Broken(expected - 1, previous, new AuditChainBreak(AuditChainBreakKind.Altered, sequence, auditEvent.Id,
                    $"record {sequence} (id {auditEvent.Id}) appears twice or out of order"));
            }

            if (!AuditChain.ComputeHash(previous, auditEvent, sequence >= keying.KeyedFrom ? key : []).AsSpan().SequenceEqual(auditEvent.Hash))
            {
                return Broken(expected - 1, previous, new AuditChainBreak(AuditChainBreakKind.Altered, sequence, auditEvent.Id,
                    $"record {sequence} (id {auditEvent.Id}) does not match its hash: it, or the record before it, was changed"));
            }

            if (anchor is not null && anchor.Sequence == sequence && AuditChain.ToHex(auditEvent.Hash) != anchor.Hash)
            {
                return Broken(expected - 1, previous, new AuditChainBreak(AuditChainBreakKind.AnchorMismatch, sequence, auditEvent.Id,
                    $"record {sequence} (id {auditEvent.Id}) does not carry the anchored hash: the chain was rewritten up to there"));
            }

            previous = auditEvent.Hash;
            expected++;
        }

        var records = expected - 1;
        if (anchor is not null && anchor.Sequence > records)
        {
            return Broken(records, previous, new AuditChainBreak(AuditChainBreakKind.Missing, anchor.Sequence, null,
                $"record {anchor.Sequence} is missing: the anchor names it, but the log ends at record {records}"));
        }

        return new AuditChainReport(records, records, records == 0 ? null : AuditChain.ToHex(previous), null);
    }

    private static AuditChainReport Broken(long verified, byte[]? head, AuditChainBreak chainBreak) =>
        new(verified, verified, verified == 0 || head is null ? null : AuditChain.ToHex(head), chainBreak);
}
