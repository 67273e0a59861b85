using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Sessions;

public sealed class SessionListAndSweepTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task List_LiveSessionsOnlyCurrentFirstWithDevice()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var phone = await SignInAsync(account.Email!, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 Version/17.0 Mobile/15E148 Safari/604.1");
        _host.Clock.Advance(TimeSpan.FromMinutes(2));
        var laptop = await SignInAsync(account.Email!, "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
        var gone = await SignInAsync(account.Email!, "curl/8.0");
        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SignOutHandler>().HandleAsync(account.Id, gone, AuditContext.Cli);
        }

        await using var listScope = _host.CreateScope();
        var sessions = await listScope.ServiceProvider.GetRequiredService<ListSessionsHandler>().HandleAsync(account.Id, phone);

        sessions.Select(s => s.Id).ShouldBe([phone, laptop]);
        sessions[0].ShouldSatisfyAllConditions(s => s.Current.ShouldBeTrue(), s => s.Device.ShouldBe("Safari on iPhone"));
        sessions[1].ShouldSatisfyAllConditions(s => s.Current.ShouldBeFalse(), s => s.Device.ShouldBe("Firefox on Linux"), s => s.Ip.ShouldBe("198.51.100.4"));
    }

    [Fact]
    public async Task Sweep_RemovesLongEndedSessionsKeepsRecentHistory()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var old = await SignInAsync(account.Email!, "old");
        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SignOutHandler>().HandleAsync(account.Id, old, AuditContext.Cli);
        }

        _host.Clock.Advance(TimeSpan.FromDays(31));
        var recent = await SignInAsync(account.Email!, "recent");
        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<SignOutHandler>().HandleAsync(account.Id, recent, AuditContext.Cli);
        }

        var live = await SignInAsync(account.Email!, "live");

        await using var sweepScope = _host.CreateScope();
        var swept = await sweepScope.ServiceProvider.GetRequiredService<SweepSessionsHandler>().HandleAsync();

        swept.ShouldBe(1);
        (await sweepScope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Sessions.Select(s => s.Id).ToListAsync()).ShouldBe([recent, live], ignoreOrder: true);
    }

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36 Edg/126.0", "Edge on Windows")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15", "Safari on macOS")]
    [InlineData("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36", "Chrome on Android")]
    [InlineData("curl/8.5.0", "curl")]
    [InlineData("", "Unknown device")]
    [InlineData("<script>alert(1)</script>", "<script>alert(1)<")]
    public void DeviceDescription_CommonAgents_ReadableNames(string agent, string expected) =>
        DeviceDescription.FromUserAgent(agent).ShouldStartWith(expected);

    private async Task<Guid> SignInAsync(string email, string agent)
    {
        await using var scope = _host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(email, Password, "198.51.100.4", agent));
        return result.Value!.Session.Id;
    }

    public void Dispose() => _host.Dispose();
}
