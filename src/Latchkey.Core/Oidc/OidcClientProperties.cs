using System.Text.Json;

namespace Latchkey.Core.Oidc;

/// <summary>Latchkey's own settings of a client, kept in OpenIddict's application <c>Properties</c>.</summary>
public static class OidcClientProperties
{
    public const string BackchannelLogoutUri = "backchannel_logout_uri";
    public const string FirstParty = "first_party";

    public static string? Read(string? propertiesJson, string name)
    {
        if (string.IsNullOrEmpty(propertiesJson))
        {
            return null;
        }

        using var document = JsonDocument.Parse(propertiesJson);
        return document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
