using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Latchkey.Tests.Data;

/// <summary>One setting for the public address: <c>Latchkey:PublicUrl</c>, with the old bootstrap key as a fallback.</summary>
public sealed class PublicUrlSettingTests
{
    [Fact]
    public async Task DeprecatedKeyOnly_UsedAsThePublicUrl_InResetLinksToo()
    {
        using var host = new CoreTestHost(new() { [PublicUrlSetting.DeprecatedKey] = "https://old.example/" });
        await host.CreateAccountAsync("fay@example.com", "Old-Pass-111");

        host.Services.GetRequiredService<IOptions<LatchkeyOptions>>().Value.PublicUrl.ShouldBe("https://old.example/");
        await using var scope = host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<RequestPasswordResetHandler>().HandleAsync("fay@example.com", AuditContext.Anonymous("198.51.100.7", "test"));
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.SingleAsync()).TextBody.ShouldContain("https://old.example/reset-password?token=");
    }

    [Fact]
    public void BothKeys_TheCurrentOneWins()
    {
        using var host = new CoreTestHost(new() { [PublicUrlSetting.Key] = "https://new.example", [PublicUrlSetting.DeprecatedKey] = "https://old.example" });

        host.Services.GetRequiredService<IOptions<LatchkeyOptions>>().Value.PublicUrl.ShouldBe("https://new.example");
    }

    [Fact]
    public void NeitherKey_TheDefault()
    {
        using var host = new CoreTestHost();

        host.Services.GetRequiredService<IOptions<LatchkeyOptions>>().Value.PublicUrl.ShouldBe("http://127.0.0.1:5080");
        PublicUrlSetting.Configured(host.Configuration).ShouldBeNull();
    }
}
