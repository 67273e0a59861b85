using System.Text.Json;

namespace Latchkey.Core.Oidc;

/// <summary>Latchkey's own settings of a client, kept in OpenIddict's application (and authorization) <c>Properties</c>.</summary>
public static class OidcClientProperties
{
    public const string BackchannelLogoutUri = "backchannel_logout_uri";
    public const string FirstParty = "first_party";

    /// <summary>On an authorization (not a client): the Latchkey session it was made from, the tokens' <c>sid</c>.</summary>
    public const string SessionId = "latchkey_sid";

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
