using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Latchkey.Core.Oidc;

/// <summary>
/// The registered OpenID Connect clients, by name, never a secret; for Administrators over all domains and the CLI
/// (<see cref="AdminAction.ManageClients"/>).
/// </summary>
public sealed class ListClientsHandler(LatchkeyDbContext db)
{
    public async Task<Result<IReadOnlyList<OidcClientView>>> HandleAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        if (AccessPolicy.CanDo(actor, AdminAction.ManageClients) is { } refused)
        {
            return refused;
        }

        var rows = await db.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking().ToListAsync(cancellationToken);
        return Result<IReadOnlyList<OidcClientView>>.Ok([.. rows.OrderBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase).Select(a => new OidcClientView(
            a.ClientId ?? "",
            a.DisplayName ?? "",
            Uris(a.RedirectUris),
            Uris(a.PostLogoutRedirectUris),
            OidcClientProperties.Read(a.Properties, OidcClientProperties.BackchannelLogoutUri),
            a.ConsentType == ConsentTypes.Implicit))]);
    }

    private static string[] Uris(string? json) =>
        string.IsNullOrEmpty(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];
}
