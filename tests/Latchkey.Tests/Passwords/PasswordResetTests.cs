using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Notifications;
using Latchkey.Core.Passwords;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Passwords;

/// <summary>Forgot password (DESIGN.md flow 4): same answer for everyone, a single-use expiring link, all sessions end.</summary>
public sealed class PasswordResetTests : IDisposable
{
    private const string Old = "Old-Pass-111";
    private const string New = "Reset-Pass-333";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task Request_KnownAddressGetsALinkUnknownGetsNothing()
    {
        await _host.CreateAccountAsync("kim@example.com", Old);

        await RequestAsync("KIM@example.com");
        await RequestAsync("nobody@example.com");

        var mail = await OutboxAsync();
        mail.Single().To.ShouldBe("kim@example.com");
        mail.Single().Subject.ShouldBe(PasswordResetEmail.Subject);
        mail.Single().TextBody.ShouldContain("/reset-password?token=");
    }

    [Fact]
    public async Task Request_MessageSent_BodiesWithTheLinkBlankedSubjectRecipientAndStatusKept()
    {
        await _host.CreateAccountAsync("vic@example.com", Old);
        await RequestAsync("vic@example.com");

        await Notifications.OutboxTestData.DrainAsync(_host);

        var sent = (await OutboxAsync()).Single();
        sent.SentAt.ShouldNotBeNull();
        sent.Subject.ShouldBe(PasswordResetEmail.Subject);
        sent.To.ShouldBe("vic@example.com");
        sent.TextBody.ShouldBeEmpty();
        sent.HtmlBody.ShouldBeEmpty();
    }

    [Fact]
    public async Task Request_TwiceWithinAMinute_OneMessageThenAnotherLater()
    {
        await _host.CreateAccountAsync("lou@example.com", Old);

        await RequestAsync("lou@example.com");
        await RequestAsync("lou@example.com");
        (await OutboxAsync()).Count.ShouldBe(1);
        _host.Clock.Advance(TimeSpan.FromSeconds(61));
        await RequestAsync("lou@example.com");

        (await OutboxAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task Confirm_ValidLink_SetsPasswordEndsEverySessionAndWorksOnce()
    {
        var account = await _host.CreateAccountAsync("max@example.com", Old);
        var token = await SignInTokenAsync(account.Email!, Old);
        await RequestAsync(account.Email!);
        var link = await LinkTokenAsync();

        var first = await ConfirmAsync(link, New, New);
        var second = await ConfirmAsync(link, "Another-Pass-444", "Another-Pass-444");

        first.Succeeded.ShouldBeTrue(first.Failure?.Message);
        second.Failure!.Errors!.Keys.ShouldBe([ConfirmPasswordResetHandler.TokenField]);
        await using var scope = _host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<ValidateSessionHandler>().HandleAsync(token)).ShouldBeNull();
        (await SignInTokenAsync(account.Email!, New)).ShouldNotBeNull();
        (await SignInTokenAsync(account.Email!, Old)).ShouldBeNull();
    }

    [Fact]
    public async Task Confirm_MismatchOrPolicy_RefusedAndTheLinkStillWorks()
    {
        var account = await _host.CreateAccountAsync("ned@example.com", Old);
        await RequestAsync(account.Email!);
        var link = await LinkTokenAsync();

        (await ConfirmAsync(link, New, New + "x")).Failure!.Code.ShouldBe(ErrorCodes.PasswordMismatch);
        var policy = await ConfirmAsync(link, "password", "password");
        policy.Failure!.Code.ShouldBe(ErrorCodes.PasswordPolicy);
        policy.Failure.Errors![ChangePasswordHandler.NewPasswordField].ShouldContain(PasswordRuleIds.Blocklist);

        (await ConfirmAsync(link, New, New)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task Confirm_AfterAnotherPasswordChange_LinkIsDead()
    {
        var account = await _host.CreateAccountAsync("ora@example.com", Old);
        await RequestAsync(account.Email!);
        var link = await LinkTokenAsync();
        await using (var scope = _host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ChangePasswordHandler>().HandleAsync(
                new ChangePasswordCommand(account.Id, null, Old, "Changed-Pass-555", "Changed-Pass-555", false), AuditContext.Cli)).Succeeded.ShouldBeTrue();
        }

        (await ConfirmAsync(link, New, New)).Failure!.Errors!.Keys.ShouldBe([ConfirmPasswordResetHandler.TokenField]);
    }

    [Fact]
    public async Task Confirm_ExpiredLink_Refused()
    {
        using var host = new CoreTestHost(new() { ["Latchkey:Passwords:Reset:TokenLifetime"] = "00:00:00.001" });
        var account = await host.CreateAccountAsync("pia@example.com", Old);
        await using (var scope = host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<RequestPasswordResetHandler>().HandleAsync(account.Email, AuditContext.Anonymous("127.0.0.1", "test"));
        }

        await Task.Delay(100);
        await using var confirm = host.CreateScope();
        var body = await confirm.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.Select(m => m.TextBody).SingleAsync();
        var result = await confirm.ServiceProvider.GetRequiredService<ConfirmPasswordResetHandler>().HandleAsync(TokenIn(body), New, New, AuditContext.Cli);

        result.Failure!.Errors!.Keys.ShouldBe([ConfirmPasswordResetHandler.TokenField]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Confirm_MalformedToken_Refused(string? token)
    {
        (await ConfirmAsync(token, New, New)).Failure!.Errors!.Keys.ShouldBe([ConfirmPasswordResetHandler.TokenField]);
    }

    private async Task RequestAsync(string email)
    {
        await using var scope = _host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RequestPasswordResetHandler>().HandleAsync(email, AuditContext.Anonymous("198.51.100.9", "test"));
    }

    private async Task<Result<string>> ConfirmAsync(string? token, string next, string confirm)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<ConfirmPasswordResetHandler>().HandleAsync(token, next, confirm, AuditContext.Anonymous("198.51.100.9", "test"));
    }

    private async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Subject == PasswordResetEmail.Subject).ToListAsync();
    }

    private async Task<string> LinkTokenAsync() => TokenIn((await OutboxAsync()).Single().TextBody);

    private static string TokenIn(string body) =>
        Uri.UnescapeDataString(body.Split('\n').Single(l => l.Contains("/reset-password?token=", StringComparison.Ordinal)).Split("token=")[1].Trim());

    private async Task<string?> SignInTokenAsync(string email, string password)
    {
        await using var scope = _host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(email, password, "127.0.0.1", "test"));
        return result.Succeeded ? result.Value.Token : null;
    }

    public void Dispose() => _host.Dispose();
}
