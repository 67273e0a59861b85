using Latchkey.Core.Data;
using Latchkey.Http;
using Microsoft.AspNetCore.Localization;

namespace Latchkey.Localization;

/// <summary>
/// Which language a request is answered in: the signed-in account's choice (from the session snapshot, which a
/// change drops on every node), else the switcher's cookie, else <c>Accept-Language</c>, else English. Runs after
/// authentication, so the session is known.
/// </summary>
internal static class LanguageCultureProviders
{
    public static void Configure(RequestLocalizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var cultures = Languages.Supported.ToArray();
        options.SetDefaultCulture(Languages.Default).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
        options.FallBackToParentCultures = true;
        options.FallBackToParentUICultures = true;
        options.RequestCultureProviders =
        [
            new CustomRequestCultureProvider(context => Task.FromResult(Result(CurrentSession.Get(context)?.Account.PreferredLanguage))),
            new CustomRequestCultureProvider(context => Task.FromResult(Result(LanguageCookie.Read(context)))),
            new AcceptLanguageHeaderRequestCultureProvider { MaximumAcceptLanguageHeaderValuesToTry = 5 },
        ];
    }

    private static ProviderCultureResult? Result(string? language) =>
        Languages.Normalize(language) is { } code ? new ProviderCultureResult(code) : null;
}
