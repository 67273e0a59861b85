using Microsoft.Extensions.Configuration;

namespace Latchkey.Core.Data;

/// <summary>
/// The one setting for the address people reach Latchkey at, <see cref="Key"/> (<see cref="LatchkeyOptions.PublicUrl"/>):
/// links in e-mail, the allowed <c>Origin</c>, the passkey relying party, the OIDC issuer by default and the address
/// the console prints at start. <see cref="DeprecatedKey"/>, which once set only the address the console printed, is
/// still read when <see cref="Key"/> is not set, with a warning at every start.
/// </summary>
public static class PublicUrlSetting
{
    public const string Key = LatchkeyOptions.SectionName + ":" + nameof(LatchkeyOptions.PublicUrl);

    public const string DeprecatedKey = "Latchkey:Bootstrap:PublicUrl";

    /// <summary>The configured address (<see cref="DeprecatedKey"/> when only it is set), or null when neither is.</summary>
    public static string? Configured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return NonEmpty(configuration[Key]) ?? NonEmpty(configuration[DeprecatedKey]);
    }

    /// <summary>Whether the deprecated key is set (whether or not <see cref="Key"/> overrides it).</summary>
    public static bool UsesDeprecatedKey(IConfiguration configuration) => NonEmpty(configuration?[DeprecatedKey]) is not null;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
