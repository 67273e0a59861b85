using Latchkey.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Sessions;

public sealed class StartupTests
{
    [Fact]
    public async Task Serve_BootstrapPasswordBreaksPolicy_OneLineAndExitCode1()
    {
        using var store = TestStore.Create();
        var environment = store.Settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        environment["Latchkey__Bootstrap__AdminEmail"] = "admin@example.com";
        environment["Latchkey__Bootstrap__AdminPassword"] = "short";
        environment["Logging__LogLevel__Default"] = "None";

        var (exitCode, _, error) = await ProcessRunner.RunAsync(
            "dotnet", [Path.Combine(AppContext.BaseDirectory, "latchkey.dll"), "serve", "--urls", "http://127.0.0.1:0"], TimeSpan.FromSeconds(60), environment);

        exitCode.ShouldBe(1);
        error.Trim().ShouldStartWith("latchkey: could not create the first administrator admin@example.com: password_policy:");
        error.Trim().Split('\n').Length.ShouldBe(1);
    }
}
