using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Passwords;

/// <summary>
/// At most one forgot-password link per account per <see cref="PasswordResetOptions.MinimumInterval"/>, kept in its
/// own table (<see cref="PasswordResetLimit"/>). The slot is taken with one conditional upsert: it inserts the
/// account's row, or moves its time forward only when the last link is older than the interval. The store decides
/// between concurrent requests (a unique key and a row lock on PostgreSQL, one writer at a time on SQLite), so of
/// any number of requests at once exactly one is let through.
/// </summary>
public sealed class PasswordResetRateLimit(LatchkeyDbContext db, TimeProvider timeProvider, IOptions<PasswordResetOptions> options)
{
    /// <summary>
    /// Takes the account's slot and returns true, or returns false when a link went out within the interval. Run it
    /// in the transaction that queues the link, so a link that is not queued does not use the slot up.
    /// </summary>
    public async Task<bool> TryTakeAsync(Guid accountId, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var sentAt = db.Model.FindEntityType(typeof(PasswordResetLimit))!.FindProperty(nameof(PasswordResetLimit.LastSentAt))!.GetTypeMapping().Converter;

        // Raw SQL, as EF has no upsert; the times are passed as the column stores them (UTC ticks on SQLite).
        var taken = await db.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO "password_reset_limits" ("AccountId", "LastSentAt") VALUES ({accountId}, {Stored(sentAt, now)})
            ON CONFLICT ("AccountId") DO UPDATE SET "LastSentAt" = excluded."LastSentAt"
            WHERE "password_reset_limits"."LastSentAt" <= {Stored(sentAt, now - options.Value.MinimumInterval)}
            """,
            cancellationToken);
        return taken == 1;
    }

    private static object Stored(ValueConverter? converter, DateTimeOffset value) =>
        converter?.ConvertToProvider(value) ?? value;
}
