using System.Net.Sockets;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Notifications;

/// <summary>
/// One pass over the outbox: claims up to <see cref="OutboxOptions.BatchSize"/> due messages, hands each to what
/// delivers its kind (<see cref="OutboxDeliveries"/>: e-mail to the <see cref="IMailTransport"/>), and records the outcome. <see cref="OutboxDispatcher"/> runs it in a loop; tests and
/// tools may run it on demand.
/// </summary>
/// <remarks>
/// <para>
/// The claim is one atomic statement that stamps the rows with this pass's token and a lease
/// (<see cref="OutboxOptions.ClaimLease"/>). On PostgreSQL its inner <c>SELECT … FOR UPDATE SKIP LOCKED</c> makes
/// concurrent passes on other nodes skip rows being claimed and re-check rows claimed meanwhile, so two nodes never
/// hold the same message. On SQLite the single <c>UPDATE</c> runs under the database's one write lock, with the
/// same effect. The claim holds between transactions, so no lock is held while the SMTP server is talked to; a node
/// that dies mid-pass leaves claims that lapse with their lease and another pass takes the messages over.
/// </para>
/// <para>
/// What "never sent twice" means: just before each send the lease is renewed, which succeeds only while the row
/// still carries this pass's token (a pass whose claim was taken over skips the message), and the lease is longer
/// than any SMTP attempt may take, so while a node is sending a message no other node can claim it. A message is
/// marked sent the moment the transport accepts it. One window remains: a crash (or a lost store) between the
/// server's acceptance and that mark sends the message once more after the lease lapses. It then carries the same
/// <c>Message-ID</c>, which lets the receiving side drop the repeat. Nodes' clocks must agree to well within the
/// lease (NTP does).
/// </para>
/// <para>
/// A failure is never final: the message is tried again after <see cref="RetryBackoff"/>, until delivered.
/// <see cref="OutboxMessage.LastError"/> names the exception types and status codes only.
/// </para>
/// </remarks>
internal sealed class DeliverDueMessagesHandler(
    LatchkeyDbContext db,
    OutboxDeliveries deliveries,
    TimeProvider timeProvider,
    IOptions<OutboxOptions> options,
    ILogger<DeliverDueMessagesHandler> logger)
{
    public const int MaxErrorLength = ColumnWidths.OutboxError;

    public async Task<OutboxPass> HandleAsync(CancellationToken cancellationToken = default)
    {
        var token = Guid.NewGuid();
        var claimed = await ClaimAsync(token, cancellationToken);
        int delivered = 0, failed = 0;
        try
        {
            foreach (var message in claimed)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (!await RenewAsync(message.Id, token, cancellationToken))
                {
                    NotificationsLog.ClaimLost(logger, message.MessageId);
                    continue;
                }

                var sent = await TrySendAsync(message, token, cancellationToken);
                LatchkeyMetrics.Delivery(sent);
                if (sent)
                {
                    delivered++;
                }
                else
                {
                    failed++;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: hand the rest back now rather than when the lease lapses.
            await db.OutboxMessages.Where(m => m.ClaimToken == token && m.SentAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimToken, (Guid?)null).SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null), CancellationToken.None);
            throw;
        }

        await MeasureAsync(cancellationToken);
        return new OutboxPass(claimed.Count, delivered, failed);
    }

    /// <summary>Reports the unsent messages and the age of the oldest to <see cref="LatchkeyMetrics"/>.</summary>
    private async Task MeasureAsync(CancellationToken cancellationToken)
    {
        var unsent = db.OutboxMessages.AsNoTracking().Where(m => m.SentAt == null);
        var depth = await unsent.CountAsync(cancellationToken);
        var oldest = depth == 0 ? null : await unsent.OrderBy(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        LatchkeyMetrics.Outbox(depth, oldest is null ? TimeSpan.Zero : timeProvider.GetUtcNow() - oldest.Value);
    }

    internal static string DescribeFailure(Exception exception)
    {
        var parts = new List<string>();
        for (var current = exception; current is not null && parts.Count < 4; current = current.InnerException)
        {
            parts.Add(current switch
            {
                MailKit.Net.Smtp.SmtpCommandException smtp => $"{smtp.GetType().Name}({(int)smtp.StatusCode})",
                SocketException socket => $"{socket.GetType().Name}({socket.SocketErrorCode})",
                _ => current.GetType().Name,
            });
        }

        var text = string.Join(" <- ", parts);
        return text.Length > MaxErrorLength ? text[..MaxErrorLength] : text;
    }

    private async Task<List<OutboxMessage>> ClaimAsync(Guid token, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var until = now + options.Value.ClaimLease;
        var batch = options.Value.BatchSize;
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlAsync(
                $"""
                UPDATE outbox_messages SET "ClaimToken" = {token}, "ClaimedUntil" = {until}
                WHERE "Id" IN (
                    SELECT "Id" FROM outbox_messages
                    WHERE "SentAt" IS NULL AND "NextAttemptAt" <= {now} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" <= {now})
                    ORDER BY "NextAttemptAt"
                    LIMIT {batch}
                    FOR UPDATE SKIP LOCKED)
                """,
                cancellationToken);
        }
        else
        {
            await db.OutboxMessages
                .Where(m => m.SentAt == null && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
                .OrderBy(m => m.NextAttemptAt)
                .Take(batch)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimToken, token).SetProperty(m => m.ClaimedUntil, until), cancellationToken);
        }

        return await db.OutboxMessages.AsNoTracking().Where(m => m.ClaimToken == token).OrderBy(m => m.NextAttemptAt).ToListAsync(cancellationToken);
    }

    private async Task<bool> RenewAsync(Guid id, Guid token, CancellationToken cancellationToken)
    {
        var until = timeProvider.GetUtcNow() + options.Value.ClaimLease;
        return await db.OutboxMessages.Where(m => m.Id == id && m.ClaimToken == token && m.SentAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(m => m.ClaimedUntil, until), cancellationToken) == 1;
    }

    private async Task<bool> TrySendAsync(OutboxMessage message, Guid token, CancellationToken cancellationToken)
    {
        try
        {
            await deliveries.DeliverAsync(message, cancellationToken);
        }
#pragma warning disable CA1031 // Whatever the transport throws, the message stays queued and is retried.
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
#pragma warning restore CA1031
        {
            var now = timeProvider.GetUtcNow();
            var attempt = message.Attempts + 1;
            var next = now + RetryBackoff.After(attempt, options.Value, Random.Shared.NextDouble());
            var error = DescribeFailure(exception);
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.ClaimToken == token)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.NextAttemptAt, next)
                        .SetProperty(m => m.LastError, error)
                        .SetProperty(m => m.ClaimToken, (Guid?)null)
                        .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                    CancellationToken.None);
            NotificationsLog.DeliveryFailed(logger, message.MessageId, attempt, error, next);
            return false;
        }

        try
        {
            // Not cancellable: once the transport has accepted the message, recording that matters more than a fast stop.
            var sentAt = timeProvider.GetUtcNow();
            await db.OutboxMessages.Where(m => m.Id == message.Id && m.SentAt == null)
                .ExecuteUpdateAsync(
                    set => set.SetProperty(m => m.SentAt, sentAt)
                        .SetProperty(m => m.TextBody, m => m.CarriesSecret ? "" : m.TextBody)
                        .SetProperty(m => m.HtmlBody, m => m.CarriesSecret ? "" : m.HtmlBody)
                        .SetProperty(m => m.Attempts, m => m.Attempts + 1)
                        .SetProperty(m => m.LastError, (string?)null)
                        .SetProperty(m => m.ClaimToken, (Guid?)null)
                        .SetProperty(m => m.ClaimedUntil, (DateTimeOffset?)null),
                    CancellationToken.None);
        }
        catch (Exception exception)
        {
            NotificationsLog.NotMarkedSent(logger, exception, message.MessageId);
            throw;
        }

        NotificationsLog.Delivered(logger, message.MessageId, message.Attempts + 1);
        return true;
    }
}
