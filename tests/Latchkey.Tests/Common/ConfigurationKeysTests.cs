using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.Extensions.Configuration;

namespace Latchkey.Tests.Common;

public sealed class ConfigurationKeysTests
{
    [Fact]
    public void Unknown_TypoUnderASection_NamedWithItsPath()
    {
        var configuration = Configuration(new()
        {
            ["Latchkey:Smtp:Hots"] = "smtp.example.com",
            ["Latchkey:Smtp:Host"] = "smtp.example.com",
            ["Latchkey:Colour"] = "blue",
        });

        var unknown = ConfigurationKeys.Unknown(configuration, typeof(LatchkeyOptions).Assembly);

        unknown.ShouldBe(["Latchkey:Colour", "Latchkey:Smtp:Hots"], ignoreOrder: true);
    }

    [Fact]
    public void Unknown_EveryKnownShape_NothingReported()
    {
        var configuration = Configuration(new()
        {
            ["Latchkey:DataDirectory"] = "/var/lib/latchkey",
            ["latchkey:smtp:trustedcertificatesha256"] = "AB",
            ["Latchkey:SecurityTeam:Emails:0"] = "security@example.com",
            ["Latchkey:Lockout:MaxFailures"] = "5",
            ["Latchkey:Passwords:Hashing:MemoryKiB"] = "19456",
            ["Latchkey:Database:Provider"] = "sqlite",
            ["Logging:LogLevel:Default"] = "Warning",
        });

        ConfigurationKeys.Unknown(configuration, typeof(LatchkeyOptions).Assembly).ShouldBeEmpty();
    }

    [Fact]
    public void Unknown_ChildOfAScalarSetting_Reported()
    {
        var configuration = Configuration(new() { ["Latchkey:Smtp:Port:Number"] = "25" });

        ConfigurationKeys.Unknown(configuration, typeof(LatchkeyOptions).Assembly).ShouldBe(["Latchkey:Smtp:Port:Number"]);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> values) => new ConfigurationBuilder().AddInMemoryCollection(values).Build();
}
