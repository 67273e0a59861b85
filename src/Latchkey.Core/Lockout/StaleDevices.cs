using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Lockout;

/// <summary>
/// Devices still logging in with the account's previous password. Each attempt updates its device's row (protocol,
/// IP, device id, last seen, attempts); the first device seen since the last password change also queues one
/// e-mail to the account, never one per attempt. Such attempts never count toward a lock. Every recorded attempt drops
/// the cached snapshots of the account's sessions, which carry the list (so <c>GET /api/v1/me</c> reads no store).
/// </summary>
public sealed class StaleDevices(
    LatchkeyDbContext db,
    EmailOutbox outbox,
    SessionRevoker sessions,
    IOptions<LatchkeyOptions> options,
    TimeProvider timeProvider,
    ILogger<StaleDevices> logger) : IStaleDeviceSource
{
    /// <summary>Records one attempt with the previous password. Saves.</summary>
    public async Task RecordAsync(Account account, string protocol, string ip, string? deviceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var now = timeProvider.GetUtcNow();
        protocol = ColumnWidths.Fit(protocol, ColumnWidths.Protocol);
        ip = ColumnWidths.Fit(ip, ColumnWidths.Ip);
        var device = ColumnWidths.Fit(deviceId ?? "", StaleDevice.MaxDeviceIdLength);
        for (var attempt = 0; ; attempt++)
        {
            var row = await db.StaleDevices.SingleOrDefaultAsync(
                d => d.AccountId == account.Id && d.Protocol == protocol && d.Ip == ip && d.DeviceId == device, cancellationToken);
            if (row is not null)
            {
                row.Attempts++;
                row.LastSeenAt = now;
                await db.SaveChangesAsync(cancellationToken);
                await sessions.AccountChangedAsync(account.Id, cancellationToken);
                return;
            }

            var first = !await db.StaleDevices.AnyAsync(d => d.AccountId == account.Id, cancellationToken);
            row = new StaleDevice
            {
                Id = Guid.NewGuid(),
                AccountId = account.Id,
                Protocol = protocol,
                Ip = ip,
                DeviceId = device,
                FirstSeenAt = now,
                LastSeenAt = now,
                Attempts = 1,
            };
            db.StaleDevices.Add(row);
            var email = first && !string.IsNullOrEmpty(account.Email)
                ? outbox.Enqueue(StaleDeviceEmail.Create(account.Email, now, protocol, ip, device, options.Value.PublicUrl, Data.Languages.CultureOf(account)))
                : null;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                LockoutLog.StaleDeviceSeen(logger, account.Id, ip, protocol);
                await sessions.AccountChangedAsync(account.Id, cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // The same device's other connection inserted it first: count this attempt on that row.
                db.Entry(row).State = EntityState.Detached;
                if (email is not null)
                {
                    db.Entry(email).State = EntityState.Detached;
                }
            }
        }
    }

    public async Task<IReadOnlyList<StaleDeviceView>> ListAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        (await ListAsync([accountId], cancellationToken)).GetValueOrDefault(accountId) ?? [];

    /// <summary>The stale devices of several accounts (an admin list's page), newest first per account.</summary>
    public async Task<Dictionary<Guid, IReadOnlyList<StaleDeviceView>>> ListAsync(IReadOnlyCollection<Guid> accountIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(accountIds);
        if (accountIds.Count == 0)
        {
            return [];
        }

        var rows = await db.StaleDevices.AsNoTracking().Where(d => accountIds.Contains(d.AccountId)).ToListAsync(cancellationToken);
        return rows.GroupBy(d => d.AccountId).ToDictionary(
            g => g.Key,
            g => (IReadOnlyList<StaleDeviceView>)[.. g.OrderByDescending(d => d.LastSeenAt).Select(d => new StaleDeviceView(d.Protocol, d.Ip, d.LastSeenAt, d.Attempts))]);
    }
}
