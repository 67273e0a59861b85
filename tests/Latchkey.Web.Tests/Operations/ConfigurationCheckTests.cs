using Latchkey.Core.Data;
using Latchkey.Hosting;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Web.Tests.Operations;

public sealed class ConfigurationCheckTests
{
    [Fact]
    public async Task Start_TypoInASmtpKey_WarningNamesTheKeyNotTheValue()
    {
        var logs = new CapturedLogs();
        using var factory = new LatchkeyWebFactory();
        factory.Settings["Latchkey:Smtp:Hots"] = "secret-looking-value";
        factory.Settings["Latchkey:Web:KnownProxies:0"] = "127.0.0.1";
        using var configured = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));

        using var client = configured.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        var warnings = logs.Entries.Where(e => e.Category == "Latchkey.Configuration").ToList();
        var warning = warnings.ShouldHaveSingleItem();
        warning.Level.ShouldBe(LogLevel.Warning);
        warning.Message.ShouldContain("Latchkey:Smtp:Hots");
        warning.Message.ShouldNotContain("secret-looking-value");
    }

    [Fact]
    public async Task Start_DeprecatedBootstrapPublicUrl_OneDeprecationWarningAndTheAddressIsUsed()
    {
        var logs = new CapturedLogs();
        using var factory = new LatchkeyWebFactory();
        factory.Settings[PublicUrlSetting.DeprecatedKey] = "https://old.example";
        using var configured = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));

        using var client = configured.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        var warning = logs.Entries.Where(e => e.Category == "Latchkey.Configuration").ShouldHaveSingleItem();
        warning.Message.ShouldContain("Latchkey:Bootstrap:PublicUrl is deprecated");
        warning.Message.ShouldContain("Latchkey:PublicUrl");
        configured.Services.GetRequiredService<IOptions<LatchkeyOptions>>().Value.PublicUrl.ShouldBe("https://old.example");
        configured.Services.GetRequiredService<ConsoleAddress>().Resolve().ShouldBe("https://old.example");
    }

    [Fact]
    public async Task Start_PublicUrlSet_NoWarningAndTheConsolePrintsIt()
    {
        var logs = new CapturedLogs();
        using var factory = new LatchkeyWebFactory();
        factory.Settings[PublicUrlSetting.Key] = "https://panel.example/";
        using var configured = factory.WithWebHostBuilder(builder => builder.ConfigureLogging(logging => logging.AddProvider(logs)));

        using var client = configured.CreateClient();
        (await client.GetAsync("/healthz")).EnsureSuccessStatusCode();

        logs.Entries.Where(e => e.Category == "Latchkey.Configuration").ShouldBeEmpty();
        configured.Services.GetRequiredService<ConsoleAddress>().Resolve().ShouldBe("https://panel.example");
    }
}
