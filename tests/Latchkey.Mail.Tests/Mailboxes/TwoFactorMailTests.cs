using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.TwoFactor;
using Latchkey.Mail.Tests.Infrastructure;
using OtpNet;
using Xunit.Abstractions;

namespace Latchkey.Mail.Tests.Mailboxes;

/// <summary>
/// A mailbox with a second factor through a real Dovecot: with the domain's "mail clients need an app password"
/// setting on (the default) the main password is refused over IMAP and SMTP with the reason, an app password works;
/// with the setting off the main password works again.
/// </summary>
public sealed class TwoFactorMailTests(MailSystem servers, ITestOutputHelper output) : IClassFixture<MailSystem>
{
    private const string Password = "Mail-Pass-1!x";

    [Fact]
    public async Task SecondFactorOn_MainPasswordRefusedWithReason_AppPasswordWorks_SettingOffMainPasswordWorks()
    {
        var email = await servers.CreateMailboxAsync("twofactor", Password);
        using var user = await servers.SignedInAsync(email, Password);
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, Password)).ShouldStartWith("b OK");
        var setUp = await (await user.PostAsJsonAsync("/api/v1/me/two-factor/totp", new { })).Content.ReadFromJsonAsync<JsonElement>();
        var secret = Base32Encoding.ToBytes(setUp.GetProperty("key").GetString()!);
        (await user.PostAsJsonAsync("/api/v1/me/two-factor/totp/confirm", new { code = TotpCodes.Compute(secret, DateTimeOffset.UtcNow) })).EnsureSuccessStatusCode();
        var created = await (await user.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "Thunderbird" })).Content.ReadFromJsonAsync<JsonElement>();
        var appPassword = created.GetProperty("password").GetString()!;

        var imap = await MailClients.ImapLoginAsync(servers.ImapPort, email, Password);
        var smtp = await MailClients.SubmissionAuthAsync(servers.SubmissionPort, email, Password);

        output.WriteLine($"IMAP: {imap}\nSMTP: {smtp}");
        imap.ShouldStartWith("b NO ");
        imap.ShouldContain("Two-step verification is on for this account: mail apps need an app password");
        // Dovecot's submission answers a refused account with RFC 4954's 525 ("account disabled") and the reason.
        smtp.ShouldStartWith("525");
        smtp.ShouldContain("app password");
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, appPassword)).ShouldStartWith("b OK");
        (await MailClients.SubmissionAuthAsync(servers.SubmissionPort, email, appPassword)).ShouldStartWith("235");

        using var admin = await servers.SignedInAsync(MailSystem.AdminEmail, MailSystem.AdminPassword);
        var off = await admin.PutAsJsonAsync("/api/v1/domains/mail-tests.example/two-factor-policy", new { require = "nobody", mailNeedsAppPassword = false });
        off.StatusCode.ShouldBe(HttpStatusCode.OK, await off.Content.ReadAsStringAsync());
        try
        {
            (await MailClients.ImapLoginAsync(servers.ImapPort, email, Password)).ShouldStartWith("b OK");
        }
        finally
        {
            (await admin.PutAsJsonAsync("/api/v1/domains/mail-tests.example/two-factor-policy", new { require = "nobody", mailNeedsAppPassword = true })).EnsureSuccessStatusCode();
        }
    }
}
