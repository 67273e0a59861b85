using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using OpenIddict.EntityFrameworkCore.Models;

namespace Latchkey.Core.Oidc;

/// <summary>
/// When every session of an account ends (and when it is locked), its OpenID Connect grants end too, in the caller's
/// transaction: every authorization and token (refresh tokens included) is revoked, and every client that had one and
/// registered a <c>backchannel_logout_uri</c> is owed a logout token (<see cref="LogoutDelivery"/>), sent after commit.
/// </summary>
public sealed class EndOidcGrantsEverywhere(LatchkeyDbContext db, TimeProvider timeProvider) : ISignOutEverywhereHook, IAccountLockedHook
{
    /// <summary>A lock ends the account's grants as a sign-out everywhere does (the sessions are refused while it holds).</summary>
    public Task LockedAsync(Guid accountId, CancellationToken cancellationToken) =>
        SignedOutEverywhereAsync(accountId, "locked", cancellationToken);

    public async Task SignedOutEverywhereAsync(Guid accountId, string reason, CancellationToken cancellationToken)
    {
        var subject = accountId.ToString();
        var applications = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Subject == subject && a.Status == OpenIddictConstants.Statuses.Valid && a.Application != null)
            .Select(a => a.Application!.Id)
            .Distinct()
            .ToListAsync(cancellationToken);
        await db.Set<OpenIddictEntityFrameworkCoreToken>()
            .Where(t => t.Subject == subject && t.Status != OpenIddictConstants.Statuses.Revoked)
            .ExecuteUpdateAsync(set => set.SetProperty(t => t.Status, OpenIddictConstants.Statuses.Revoked), cancellationToken);
        await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Subject == subject && a.Status == OpenIddictConstants.Statuses.Valid)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.Status, OpenIddictConstants.Statuses.Revoked), cancellationToken);
        if (applications.Count == 0)
        {
            return;
        }

        var clients = await db.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking()
            .Where(a => applications.Contains(a.Id))
            .Select(a => new { a.ClientId, a.Properties })
            .ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        foreach (var client in clients)
        {
            if (OidcClientProperties.Read(client.Properties, OidcClientProperties.BackchannelLogoutUri) is { } uri && client.ClientId is not null)
            {
                db.LogoutDeliveries.Add(new LogoutDelivery
                {
                    Id = Guid.NewGuid(),
                    ClientId = client.ClientId,
                    Uri = uri,
                    Subject = subject,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
                db.LogoutDeliveriesOwed = true;
            }
        }

    }
}
