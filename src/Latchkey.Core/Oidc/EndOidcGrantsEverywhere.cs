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
/// registered a <c>backchannel_logout_uri</c> is owed a logout token (<see cref="LogoutDelivery"/>), sent after commit:
/// one per Latchkey session its grants came from, carrying that <c>sid</c> (sub only when no grant names a session).
/// </summary>
internal sealed class EndOidcGrantsEverywhere(LatchkeyDbContext db, TimeProvider timeProvider) : ISignOutEverywhereHook, IAccountLockedHook
{
    /// <summary>A lock ends the account's grants as a sign-out everywhere does (the sessions are refused while it holds).</summary>
    public Task LockedAsync(Guid accountId, CancellationToken cancellationToken) =>
        SignedOutEverywhereAsync(accountId, "locked", cancellationToken);

    public async Task SignedOutEverywhereAsync(Guid accountId, string reason, CancellationToken cancellationToken)
    {
        var subject = accountId.ToString();
        var grants = await db.Set<OpenIddictEntityFrameworkCoreAuthorization>()
            .Where(a => a.Subject == subject && a.Status == OpenIddictConstants.Statuses.Valid && a.Application != null)
            .Select(a => new { ApplicationId = a.Application!.Id, a.Properties })
            .ToListAsync(cancellationToken);
        var applications = grants.Select(g => g.ApplicationId).Distinct().ToList();
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
            .Select(a => new { a.Id, a.ClientId, a.Properties })
            .ToListAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        foreach (var client in clients)
        {
            if (OidcClientProperties.Read(client.Properties, OidcClientProperties.BackchannelLogoutUri) is not { } uri || client.ClientId is null)
            {
                continue;
            }

            List<string?> sessions = [.. grants.Where(g => g.ApplicationId == client.Id)
                .Select(g => OidcClientProperties.Read(g.Properties, OidcClientProperties.SessionId))
                .Where(sid => sid is not null)
                .Distinct(StringComparer.Ordinal)];
            foreach (var sid in sessions.Count == 0 ? [null] : sessions)
            {
                db.LogoutDeliveries.Add(new LogoutDelivery
                {
                    Id = Guid.NewGuid(),
                    ClientId = client.ClientId,
                    Uri = uri,
                    Subject = subject,
                    SessionId = sid,
                    CreatedAt = now,
                    NextAttemptAt = now,
                });
                db.LogoutDeliveriesOwed = true;
            }
        }

    }
}
