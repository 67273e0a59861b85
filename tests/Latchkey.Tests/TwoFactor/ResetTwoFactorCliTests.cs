using Latchkey.Cli;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.SignIn;
using Latchkey.Core.TwoFactor;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Latchkey.Tests.TwoFactor;

public sealed class ResetTwoFactorCliTests : IDisposable
{
    private const string Password = "Stdin-Pass-123";
    private readonly TestStore _store = TestStore.Create();

    [Fact]
    public async Task ResetTwoFactor_AccountWithTotp_PasswordAloneSignsInAgain()
    {
        var email = UniqueEmail.New();
        using (var host = new CoreTestHost(store: _store))
        {
            var account = await host.CreateAccountAsync(email, Password);
            await using var scope = host.CreateScope();
            var setup = (await scope.ServiceProvider.GetRequiredService<SetUpTotpHandler>().HandleAsync(account.Id, null)).Value!;
            var code = TotpCodes.Compute(Base32Encoding.ToBytes(setup.GroupedKey.Replace(" ", "", StringComparison.Ordinal)), host.Clock.GetUtcNow());
            (await scope.ServiceProvider.GetRequiredService<ConfirmTotpHandler>().HandleAsync(account.Id, null, code, AuditContext.Cli)).Succeeded.ShouldBeTrue();
            (await SignInAsync(host, email)).ShouldBe(ErrorCodes.TwoFactorRequired);
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(["accounts", "reset-2fa", email.ToUpperInvariant()], new StringReader(""), output, error, _store.Settings);

        exitCode.ShouldBe(ExitCodes.Success, error.ToString());
        output.ToString().ShouldContain($"Every second factor of {email} was removed");
        using var after = new CoreTestHost(store: _store, migrate: false);
        (await SignInAsync(after, email)).ShouldBeNull();
    }

    [Fact]
    public async Task ResetTwoFactor_UnknownAccount_RefusedNotFound()
    {
        using var store = new CoreTestHost(store: _store);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliApp.RunAsync(["accounts", "reset-2fa", "nobody@example.com"], new StringReader(""), output, error, _store.Settings);

        exitCode.ShouldBe(ExitCodes.Refused);
        error.ToString().ShouldStartWith("not_found: ");
    }

    private static async Task<string?> SignInAsync(CoreTestHost host, string email)
    {
        await using var scope = host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(email, Password, "127.0.0.1", "test"));
        return result.Failure?.Code;
    }

    public void Dispose() => _store.Dispose();
}
