using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Latchkey.Core.Mailboxes;
using Latchkey.Core.Notifications;
using Latchkey.Mail.Tests.Infrastructure;
using Latchkey.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Latchkey.Mail.Tests.Mailboxes;

/// <summary>
/// Mailboxes through a real Dovecot against a real Latchkey server: IMAP LOGIN and submission AUTH PLAIN with the
/// password, a change through the API, a phone with the old password, a lock and its unlock, app passwords, and the
/// policy endpoint's secret.
/// </summary>
public sealed class MailboxLoginTests(MailSystem servers, ITestOutputHelper output) : IClassFixture<MailSystem>, IAsyncLifetime
{
    private const string Password = "Mail-Pass-1!x";
    private const string NewPassword = "Mail-Pass-2!y";

    [Fact]
    public async Task RightPassword_ImapAndSubmissionLogIn_WrongPasswordRefused()
    {
        var email = await servers.CreateMailboxAsync("login", Password);

        (await MailClients.ImapLoginAsync(servers.ImapPort, email, Password)).ShouldStartWith("b OK");
        (await MailClients.ImapLoginAsync(servers.ImapPort, email.ToUpperInvariant(), Password)).ShouldStartWith("b OK");
        (await MailClients.SubmissionAuthAsync(servers.SubmissionPort, email, Password)).ShouldStartWith("235");
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, "Not-The-Pass-1!")).ShouldStartWith("b NO [AUTHENTICATIONFAILED]");
        (await MailClients.SubmissionAuthAsync(servers.SubmissionPort, email, "Not-The-Pass-1!")).ShouldStartWith("535");
    }

    [Fact]
    public async Task PasswordChangedThroughApi_OldPasswordRefusedAtOnce_NewOneWorks()
    {
        var email = await servers.CreateMailboxAsync("change", Password);
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, Password)).ShouldStartWith("b OK");
        using var user = await servers.SignedInAsync(email, Password);

        var changed = await user.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword, confirmPassword = NewPassword });

        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, Password)).ShouldStartWith("b NO");
        (await MailClients.SubmissionAuthAsync(servers.SubmissionPort, email, Password)).ShouldNotStartWith("235");
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, NewPassword)).ShouldStartWith("b OK");
        (await MailClients.SubmissionAuthAsync(servers.SubmissionPort, email, NewPassword)).ShouldStartWith("235");
    }

    [Fact]
    public async Task PhoneRepeatsOldPassword_ShownAsStaleDevice_OneEmail_NeverLocks()
    {
        var email = await servers.CreateMailboxAsync("phone", Password);
        using var user = await servers.SignedInAsync(email, Password);
        (await user.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword, confirmPassword = NewPassword })).EnsureSuccessStatusCode();

        for (var i = 0; i < 12; i++)
        {
            var answer = await MailClients.ImapLoginAsync(servers.ImapPort, email, Password, deviceName: "iPhone Mail");
            answer.ShouldStartWith("b NO");
            answer.ShouldContain("previous password");
        }

        JsonElement device = default;
        (await MailSystem.WaitUntilAsync(async () =>
        {
            var me = await user.GetFromJsonAsync<JsonElement>("/api/v1/me");
            device = me.GetProperty("staleDevices").EnumerateArray().FirstOrDefault();
            return device.ValueKind == JsonValueKind.Object && device.GetProperty("attempts").GetInt32() == 12;
        })).ShouldBeTrue("the 12 attempts did not all reach Latchkey");
        device.GetProperty("protocol").GetString().ShouldBe("imap");
        device.GetProperty("ip").GetString().ShouldBe("127.0.0.1");
        device.GetProperty("lastSeenAt").GetDateTimeOffset().ShouldBeGreaterThan(DateTimeOffset.MinValue);
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, NewPassword)).ShouldStartWith("b OK");
        (await user.GetStringAsync("/account/security")).ShouldContain("A device at 127.0.0.1 over IMAP is still using your previous password.");
        (await MailSystem.WaitUntilAsync(() => Task.FromResult(StaleMails(email).Count == 1))).ShouldBeTrue("no stale-device e-mail arrived");
        var mail = StaleMails(email).Single();
        mail.Part("text/plain").ShouldContain("A device at 127.0.0.1 is still using the previous password");
        mail.Part("text/plain").ShouldContain("iPhone Mail");
    }

    [Fact]
    public async Task DistinctWrongPasswords_LockTheMailbox_ImapShowsWhy_AdministratorUnlocks()
    {
        var email = await servers.CreateMailboxAsync("lock", Password);
        var nonce = (await servers.PolicySecretAsync()).Nonce;
        foreach (var wrong in WrongPasswords.Distinct(nonce, email, 10))
        {
            (await MailClients.ImapLoginAsync(servers.ImapPort, email, wrong)).ShouldStartWith("b NO [AUTHENTICATIONFAILED]");
        }

        using var admin = await servers.SignedInAsync(MailSystem.AdminEmail, MailSystem.AdminPassword);
        var accountId = await servers.AccountIdAsync(email);
        (await MailSystem.WaitUntilAsync(async () =>
            (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{accountId}/lockout")).GetProperty("locked").GetBoolean()))
            .ShouldBeTrue("ten distinct wrong passwords did not lock the mailbox");

        var refused = await MailClients.ImapLoginAsync(servers.ImapPort, email, Password);
        var smtpRefused = await MailClients.SubmissionAuthAsync(servers.SubmissionPort, email, Password);
        var unlocked = await admin.PostAsync($"/api/v1/accounts/{accountId}/unlock", null);
        var afterUnlock = await MailClients.ImapLoginAsync(servers.ImapPort, email, Password);

        output.WriteLine($"Locked: {refused}");
        refused.ShouldStartWith("b NO");
        refused.ShouldNotContain("locked");
        refused.ShouldBe(await MailClients.ImapLoginAsync(servers.ImapPort, "nobody-" + email, Password));
        smtpRefused.ShouldStartWith("535");
        smtpRefused.ShouldNotContain("locked");
        unlocked.StatusCode.ShouldBe(HttpStatusCode.OK);
        afterUnlock.ShouldStartWith("b OK");
    }

    [Fact]
    public async Task KnownClientAddress_KeepsWorkingWhileGuessesFromElsewhereLockTheMailbox()
    {
        const string Stranger = "127.0.0.2";
        var email = await servers.CreateMailboxAsync("known", Password);
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, Password)).ShouldStartWith("b OK");
        var nonce = (await servers.PolicySecretAsync()).Nonce;
        foreach (var wrong in WrongPasswords.Distinct(nonce, email, 10))
        {
            (await MailClients.ImapLoginAsync(servers.ImapPort, email, wrong, from: Stranger)).ShouldStartWith("b NO");
        }

        using var admin = await servers.SignedInAsync(MailSystem.AdminEmail, MailSystem.AdminPassword);
        var accountId = await servers.AccountIdAsync(email);
        (await MailSystem.WaitUntilAsync(async () =>
            (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/accounts/{accountId}/lockout")).GetProperty("locked").GetBoolean()))
            .ShouldBeTrue("ten distinct wrong passwords from another address did not lock the mailbox");

        var stranger = await MailClients.ImapLoginAsync(servers.ImapPort, email, Password, from: Stranger);
        var known = await MailClients.ImapLoginAsync(servers.ImapPort, email, Password);
        var knownSmtp = await MailClients.SubmissionAuthAsync(servers.SubmissionPort, email, Password);
        var strangerSmtp = await MailClients.SubmissionAuthAsync(servers.SubmissionPort, email, Password, from: Stranger);

        stranger.ShouldStartWith("b NO");
        known.ShouldStartWith("b OK");
        knownSmtp.ShouldStartWith("235");
        strangerSmtp.ShouldStartWith("535");
    }

    [Theory]
    [InlineData("SHA512-CRYPT")]
    [InlineData("BLF-CRYPT")]
    public async Task MailboxImportedWithDovecotHash_ImapWorksBeforeAnyWebSignIn(string scheme)
    {
        var (_, hash, _) = await ProcessRunner.RunAsync("doveadm", ["pw", "-s", scheme, "-p", Password]);
        var email = UniqueEmail.New("imported", "mail-tests.example");
        var file = Path.Combine(servers.Store.DataDirectory, $"import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, $"email,mailbox,password_hash\n{email},true,{hash.Trim()}\n");

        var (exitCode, output, error) = await servers.RunCliAsync("accounts", "import", file);

        exitCode.ShouldBe(0, output + error);
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, Password)).ShouldStartWith("b OK");
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, "Not-The-Pass-1!")).ShouldStartWith("b NO");
    }

    [Fact]
    public async Task LockedMailbox_UnlockedWithTheCliVerb_ImapWorksAgain()
    {
        var email = await servers.CreateMailboxAsync("clilock", Password);
        var nonce = (await servers.PolicySecretAsync()).Nonce;
        foreach (var wrong in WrongPasswords.Distinct(nonce, email, 10))
        {
            await MailClients.ImapLoginAsync(servers.ImapPort, email, wrong);
        }

        (await MailSystem.WaitUntilAsync(async () => (await MailClients.ImapLoginAsync(servers.ImapPort, email, Password)).StartsWith("b NO", StringComparison.Ordinal)))
            .ShouldBeTrue("the mailbox was not locked");

        var (exitCode, text, error) = await servers.RunCliAsync("accounts", "unlock", email);

        exitCode.ShouldBe(0, error);
        text.Trim().ShouldBe($"Unlocked {email}.");
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, Password)).ShouldStartWith("b OK");
    }

    [Fact]
    public async Task AppPassword_WorksForImapAndSmtp_NotForThePanel_SurvivesAChange_RevokedStops()
    {
        var email = await servers.CreateMailboxAsync("app", Password);
        using var user = await servers.SignedInAsync(email, Password);
        var created = await (await user.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "Thunderbird" })).Content.ReadFromJsonAsync<JsonElement>();
        var appPassword = created.GetProperty("password").GetString()!;

        (await MailClients.ImapLoginAsync(servers.ImapPort, email, appPassword)).ShouldStartWith("b OK");
        (await MailClients.SubmissionAuthAsync(servers.SubmissionPort, email, appPassword)).ShouldStartWith("235");
        using var anonymous = new HttpClient { BaseAddress = new Uri(servers.BaseUrl) };
        var panel = await anonymous.PostAsJsonAsync("/api/v1/session", new { email, password = appPassword });
        panel.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await user.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword, confirmPassword = NewPassword })).EnsureSuccessStatusCode();
        using var again = await servers.SignedInAsync(email, NewPassword);
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, appPassword)).ShouldStartWith("b OK");
        (await MailSystem.WaitUntilAsync(async () =>
            (await again.GetFromJsonAsync<JsonElement>("/api/v1/me/app-passwords")).GetProperty("items")[0].GetProperty("lastUsedAt").ValueKind == JsonValueKind.String))
            .ShouldBeTrue("the app password's use was not recorded");

        (await again.DeleteAsync($"/api/v1/me/app-passwords/{created.GetProperty("id").GetGuid()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, appPassword)).ShouldStartWith("b NO");
    }

    [Fact]
    public async Task PolicyEndpoint_WithoutTheSecret_Refused_WithItAnswered()
    {
        using var client = new HttpClient { BaseAddress = new Uri(servers.BaseUrl) };
        var body = new { login = "someone@mail-tests.example", pwhash = "0123", remote = "127.0.0.1", protocol = "imap" };

        var anonymous = await client.PostAsJsonAsync("/dovecot/policy?command=allow", body);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "/dovecot/policy?command=allow") { Content = JsonContent.Create(body) };
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("dovecot:guessed")));
        var guessed = await client.SendAsync(wrong);
        using var right = new HttpRequestMessage(HttpMethod.Post, "/dovecot/policy?command=allow") { Content = JsonContent.Create(body) };
        right.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"dovecot:{(await servers.PolicySecretAsync()).Secret}")));
        var answered = await client.SendAsync(right);

        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        guessed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await answered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetInt32().ShouldBe(0);
        File.ReadAllText(Path.Combine(servers.ConfigDirectory, DovecotConfig.MainFile)).ShouldContain("auth_cache_size = 0");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>On failure, Dovecot's log is the first thing to read.</summary>
    public Task DisposeAsync()
    {
        output.WriteLine(servers.DovecotLog.Length > 8000 ? servers.DovecotLog[^8000..] : servers.DovecotLog);
        return Task.CompletedTask;
    }

    private List<ReceivedMail> StaleMails(string email) =>
        [.. servers.Smtp.Messages().Where(m => m.Header("X-Envelope-To") == email && m.Header("Subject") == StaleDeviceEmail.Subject)];
}
