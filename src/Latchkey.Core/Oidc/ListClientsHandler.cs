using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using OpenIddict.EntityFrameworkCore.Models;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Latchkey.Core.Oidc;

/// <summary>The registered OpenID Connect clients, by name; never a secret.</summary>
public sealed class ListClientsHandler(LatchkeyDbContext db)
{
    public async Task<IReadOnlyList<OidcClientView>> HandleAsync(CancellationToken cancellationToken = default)
    {
        var rows = await db.Set<OpenIddictEntityFrameworkCoreApplication>().AsNoTracking().ToListAsync(cancellationToken);
        return [.. rows.OrderBy(a => a.DisplayName, StringComparer.OrdinalIgnoreCase).Select(a => new OidcClientView(
            a.ClientId ?? "",
            a.DisplayName ?? "",
            Uris(a.RedirectUris),
            Uris(a.PostLogoutRedirectUris),
            OidcClientProperties.Read(a.Properties, OidcClientProperties.BackchannelLogoutUri),
            a.ConsentType == ConsentTypes.Implicit))];
    }

    private static string[] Uris(string? json) =>
        string.IsNullOrEmpty(json) ? [] : System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? [];
}
