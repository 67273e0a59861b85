using System.Globalization;

namespace Latchkey.Core.Data;

/// <summary>
/// The languages the panel, its e-mails and its rule texts are written in: English (the fallback), German, French and
/// Russian. An account's choice is one of these codes, stored in <see cref="Account.PreferredLanguage"/>; a new
/// language is a code here and a translation beside every resource set (a test fails while one lacks it).
/// </summary>
public static class Languages
{
    public const string Default = "en";

    public static IReadOnlyList<string> Supported { get; } = ["en", "de", "fr", "ru"];

    /// <summary>The language's own name for itself, as a switcher shows it.</summary>
    public static string NativeName(string code) => code switch
    {
        "de" => "Deutsch",
        "fr" => "Français",
        "ru" => "Русский",
        _ => "English",
    };

    /// <summary>The supported code for <paramref name="value"/> (<c>de</c>, <c>DE</c>, <c>de-AT</c> → <c>de</c>), or null.</summary>
    public static string? Normalize(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > 16)
        {
            return null;
        }

        var primary = value.Trim().Split('-', '_')[0].ToLowerInvariant();
        return Supported.Contains(primary) ? primary : null;
    }

    /// <summary>
    /// The culture an account's e-mails are written in: its choice, else the language of the request that caused the
    /// message (the panel sets it from the cookie or <c>Accept-Language</c>), else English.
    /// </summary>
    public static CultureInfo CultureOf(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return CultureInfo.GetCultureInfo(Normalize(account.PreferredLanguage) ?? Normalize(CultureInfo.CurrentUICulture.Name) ?? Default);
    }
}
