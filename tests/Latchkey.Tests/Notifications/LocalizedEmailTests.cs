using System.Globalization;
using Latchkey.Core.Notifications;

namespace Latchkey.Tests.Notifications;

public sealed class LocalizedEmailTests
{
    private static readonly DateTimeOffset _when = new(2026, 11, 23, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("de", "Ihr Passwort wurde geändert", "Montag, 23. November 2026", "Falls Sie das nicht waren:")]
    [InlineData("fr", "Votre mot de passe a été modifié", "lundi 23 novembre 2026", "Si ce n'était pas vous :")]
    [InlineData("ru", "Ваш пароль изменён", "23 ноября 2026", "Если это были не вы:")]
    public void PasswordChanged_InTheRecipientsLanguage(string language, string subject, string date, string notYou)
    {
        var email = PasswordChangedEmail.Create("jane@example.com", _when, "203.0.113.7", "curl/8.5.0", "https://accounts.example.com", CultureInfo.GetCultureInfo(language));

        email.Subject.ShouldBe(subject);
        email.TextBody.ShouldContain("2026-11-23 09:30 UTC");
        email.TextBody.ShouldContain(date);
        email.TextBody.ShouldContain(notYou);
        email.TextBody.ShouldContain("https://accounts.example.com/forgot-password");
        email.HtmlBody.ShouldContain($"<html lang=\"{language}\">");
        email.TextBody.ShouldNotContain("Hello,");
    }

    [Theory]
    [InlineData("en", "A second factor was added to your account", "The passkey “Phone <1>” was added as a second factor")]
    [InlineData("de", "Ihrem Konto wurde ein zweiter Faktor hinzugefügt", "Der Passkey „Phone <1>“ wurde Ihrem Konto")]
    [InlineData("fr", "Un second facteur a été ajouté à votre compte", "La clé d’accès « Phone <1> » a été ajoutée")]
    [InlineData("ru", "К вашей учётной записи добавлен второй фактор", "добавлен второй фактор: Ключ доступа «Phone <1>»")]
    public void SecondFactorAdded_InTheRecipientsLanguage_PasskeyNameEncodedInHtml(string language, string subject, string sentence)
    {
        var email = Core.TwoFactor.TwoFactorEmail.Added("jane@example.com", Core.TwoFactor.SecondFactorMethod.Passkey, "Phone <1>", _when, "203.0.113.7", "https://accounts.example.com", CultureInfo.GetCultureInfo(language));

        email.Subject.ShouldBe(subject);
        email.TextBody.ShouldContain(sentence);
        email.TextBody.ShouldContain("2026-11-23 09:30 UTC");
        email.TextBody.ShouldContain("https://accounts.example.com/account/security");
        email.HtmlBody.ShouldContain($"<html lang=\"{language}\">");
        email.HtmlBody.ShouldContain("Phone &lt;1&gt;");
        email.HtmlBody.ShouldNotContain("Phone <1>");
    }

    [Fact]
    public void RecoveryCodeUsed_German_CountAndNoCode()
    {
        var email = Core.TwoFactor.TwoFactorEmail.RecoveryCodeUsed("jane@example.com", 3, _when, null, "https://accounts.example.com", CultureInfo.GetCultureInfo("de"));

        email.Subject.ShouldBe("Ein Wiederherstellungscode wurde zur Anmeldung verwendet");
        email.TextBody.ShouldContain("Verbleibende Wiederherstellungscodes: 3.");
        email.TextBody.ShouldContain("unbekannt");
    }

    [Fact]
    public void PasswordChanged_WithoutALanguage_IsEnglishAsBefore()
    {
        var email = PasswordChangedEmail.Create("jane@example.com", _when, "203.0.113.7", "curl/8.5.0", "https://accounts.example.com");

        email.Subject.ShouldBe(PasswordChangedEmail.Subject);
        email.TextBody.ShouldContain("  When:       2026-11-23 09:30 UTC (Monday, 23 November 2026)");
        email.TextBody.ShouldContain("  IP address: 203.0.113.7");
    }

    [Fact]
    public void PasswordReset_German_LinkAndLifetime()
    {
        var email = PasswordResetEmail.Create("jane@example.com", "https://a.example/reset-password?token=x", TimeSpan.FromMinutes(30), "198.51.100.9", CultureInfo.GetCultureInfo("de"));

        email.Subject.ShouldBe("Setzen Sie Ihr Passwort zurück");
        email.TextBody.ShouldContain("innerhalb von 30 Minuten");
        email.TextBody.ShouldContain("https://a.example/reset-password?token=x");
        email.HtmlBody.ShouldContain("<a href=\"https://a.example/reset-password?token=x\">Passwort zurücksetzen</a>");
    }

    [Fact]
    public void StaleDevice_Russian_WebPanelNamedInRussian_ValuesEncodedInHtml()
    {
        var email = StaleDeviceEmail.Create("jane@example.com", _when, "web", "<b>203.0.113.7</b>", "", "https://accounts.example.com", CultureInfo.GetCultureInfo("ru"));

        email.Subject.ShouldBe("Устройство всё ещё использует ваш прежний пароль");
        email.TextBody.ShouldContain("(веб-панель)");
        email.TextBody.ShouldContain("(не сообщило)");
        email.HtmlBody.ShouldContain("&lt;b&gt;203.0.113.7&lt;/b&gt;");
        email.HtmlBody.ShouldContain("<a href=\"https://accounts.example.com/account/security\">");
    }

    [Fact]
    public void FrenchLabels_TakeASpaceBeforeTheColon()
    {
        var email = PasswordChangedEmail.Create("jane@example.com", _when, "203.0.113.7", "curl/8.5.0", "https://accounts.example.com", CultureInfo.GetCultureInfo("fr"));

        email.TextBody.ShouldContain("  Adresse IP\u00a0:");
        email.TextBody.ShouldNotContain("Adresse IP:");
    }
}
