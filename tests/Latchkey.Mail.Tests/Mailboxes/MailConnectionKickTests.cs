using System.Net;
using System.Net.Http.Json;
using Latchkey.Mail.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Latchkey.Mail.Tests.Mailboxes;

/// <summary>
/// Revoking everywhere reaches the mail clients: connections opened before the change are closed by Dovecot
/// (<c>doveadm kick</c> through its HTTP API, called from Latchkey's outbox after commit) within 2 s, and the old
/// password no longer logs in.
/// </summary>
public sealed class MailConnectionKickTests(MailSystem servers, ITestOutputHelper output) : IClassFixture<MailSystem>
{
    private const string Password = "Kick-Pass-1!x";
    private const string NewPassword = "Kick-Pass-2!y";
    private static readonly TimeSpan _limit = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task PasswordChangeWithLogOutEverywhere_ClosesOpenImapAndSmtp_OldPasswordRefused()
    {
        var email = await servers.CreateMailboxAsync("kick-change", Password);
        using var imap = await OpenMailConnection.ImapAsync(servers.ImapPort, email, Password);
        using var smtp = await OpenMailConnection.SubmissionAsync(servers.SubmissionPort, email, Password);
        using var user = await servers.SignedInAsync(email, Password);

        var changed = await user.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword, confirmPassword = NewPassword, signOutEverywhere = true });

        changed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var imapClosed = await imap.WaitClosedAsync(_limit);
        var smtpClosed = await smtp.WaitClosedAsync(_limit);
        output.WriteLine($"IMAP closed after {imapClosed?.TotalMilliseconds:F0} ms, SMTP after {smtpClosed?.TotalMilliseconds:F0} ms.");
        imapClosed.ShouldNotBeNull(servers.DovecotLog);
        smtpClosed.ShouldNotBeNull(servers.DovecotLog);
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, Password)).ShouldStartWith("b NO");
        (await MailClients.ImapLoginAsync(servers.ImapPort, email, NewPassword)).ShouldStartWith("b OK");
    }

    [Fact]
    public async Task LogOutOfAllDevices_ClosesOpenImap()
    {
        var email = await servers.CreateMailboxAsync("kick-all", Password);
        using var imap = await OpenMailConnection.ImapAsync(servers.ImapPort, email, Password);
        using var user = await servers.SignedInAsync(email, Password);

        (await user.PostAsJsonAsync("/api/v1/me/sessions/revoke-all", new { includeCurrent = true })).EnsureSuccessStatusCode();

        var closed = await imap.WaitClosedAsync(_limit);
        output.WriteLine($"IMAP closed after {closed?.TotalMilliseconds:F0} ms.");
        closed.ShouldNotBeNull(servers.DovecotLog);
    }

    [Fact]
    public async Task PasswordChangeKeepingOtherDevices_LeavesImapOpen()
    {
        var email = await servers.CreateMailboxAsync("kick-none", Password);
        using var imap = await OpenMailConnection.ImapAsync(servers.ImapPort, email, Password);
        using var user = await servers.SignedInAsync(email, Password);

        (await user.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = NewPassword, confirmPassword = NewPassword })).EnsureSuccessStatusCode();

        (await imap.WaitClosedAsync(_limit)).ShouldBeNull();
    }

    [Fact]
    public async Task DisablingTheAccount_ClosesOpenImap()
    {
        var email = await servers.CreateMailboxAsync("kick-disable", Password);
        using var imap = await OpenMailConnection.ImapAsync(servers.ImapPort, email, Password);

        var (exitCode, stdout, stderr) = await servers.RunCliAsync("accounts", "disable", email);

        exitCode.ShouldBe(0, stdout + stderr);
        (await imap.WaitClosedAsync(_limit)).ShouldNotBeNull(servers.DovecotLog);
    }
}
