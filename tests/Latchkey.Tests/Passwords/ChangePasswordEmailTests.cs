using Latchkey.Core.Audit;
using Latchkey.Core.Notifications;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Passwords;

/// <summary>The "your password was changed" e-mail, from the change to a real SMTP server (Debian's aiosmtpd).</summary>
public sealed class ChangePasswordEmailTests
{
    private const string Old = "Old-Pass-111";
    private const string New = "New-Pass-222";

    [Fact]
    public async Task Change_DeliversTheNoticeWithWhenWhereAndWhatToDo()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = new CoreTestHost(smtp.Settings());
        var account = await host.CreateAccountAsync("rita@example.com", Old);

        await ChangeAsync(host, account.Id);
        (await DrainAsync(host)).ShouldBe(1);

        var mail = (await smtp.WaitForMessagesAsync(1)).Single();
        mail.Header("To")!.ShouldContain("rita@example.com");
        mail.Header("Subject").ShouldBe(PasswordChangedEmail.Subject);
        var text = mail.Part("text/plain");
        text.ShouldContain("203.0.113.7");
        text.ShouldContain("Firefox");
        text.ShouldContain("2026-11-23");
        text.ShouldContain("mail");
        text.ShouldContain("/forgot-password");
        mail.Part("text/html").ShouldContain("203.0.113.7");
    }

    [Fact]
    public async Task Change_SmtpServerDown_ChangeSucceedsAndMailArrivesOnceWhenItIsBack()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = new CoreTestHost(smtp.Settings());
        var account = await host.CreateAccountAsync("sam@example.com", Old);
        await smtp.StopAsync();

        (await ChangeAsync(host, account.Id)).Succeeded.ShouldBeTrue();
        (await DrainAsync(host)).ShouldBe(0);

        await smtp.RestartAsync();
        host.Clock.Advance(TimeSpan.FromMinutes(1));
        (await DrainAsync(host)).ShouldBe(1);
        host.Clock.Advance(TimeSpan.FromHours(1));
        (await DrainAsync(host)).ShouldBe(0);

        (await smtp.WaitForMessagesAsync(1)).Count.ShouldBe(1);
        await Task.Delay(200);
        smtp.Messages().Count.ShouldBe(1);
    }

    [Fact]
    public async Task RefusedChange_SendsNothing()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        using var host = new CoreTestHost(smtp.Settings());
        var account = await host.CreateAccountAsync("tom@example.com", Old);

        await using (var scope = host.CreateScope())
        {
            (await scope.ServiceProvider.GetRequiredService<ChangePasswordHandler>().HandleAsync(
                new ChangePasswordCommand(account.Id, null, "Wrong-Pass-1", New, New, false), AuditContext.Cli)).Succeeded.ShouldBeFalse();
        }

        (await DrainAsync(host)).ShouldBe(0);
        smtp.Messages().ShouldBeEmpty();
    }

    private static async Task<Core.Common.Result<PasswordChanged>> ChangeAsync(CoreTestHost host, Guid accountId)
    {
        await using var scope = host.CreateScope();
        var context = new AuditContext(accountId, null, "203.0.113.7", "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        return await scope.ServiceProvider.GetRequiredService<ChangePasswordHandler>().HandleAsync(
            new ChangePasswordCommand(accountId, null, Old, New, New, false), context);
    }

    private static async Task<int> DrainAsync(CoreTestHost host)
    {
        await using var scope = host.CreateScope();
        var pass = await scope.ServiceProvider.GetRequiredService<DeliverDueMessagesHandler>().HandleAsync();
        return pass.Delivered;
    }
}
