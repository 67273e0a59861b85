using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Core.TwoFactor;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OtpNet;

namespace Latchkey.Web.Tests.TwoFactor;

/// <summary>
/// The real host on a clock the tests move, started in the middle of a 30-second step, so TOTP codes computed by the
/// test (the authenticator) never straddle a step boundary.
/// </summary>
public sealed class TwoFactorWebFactory : LatchkeyWebFactory
{
    public ManualTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(TimeProvider.System.GetUtcNow().ToUnixTimeSeconds() / 30 * 30 + 15));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }

    /// <summary>A TOTP code of <paramref name="secret"/>, <paramref name="steps"/> steps from the clock's now.</summary>
    public string Code(byte[] secret, int steps = 0) => TotpCodes.Compute(secret, Clock.GetUtcNow().AddSeconds(30 * steps));

    /// <summary>The origin a browser at the panel's public address sends (what passkey ceremonies are bound to).</summary>
    public string Origin => new Uri(Services.GetRequiredService<IOptions<LatchkeyOptions>>().Value.PublicUrl).GetLeftPart(UriPartial.Authority);

    /// <summary>A domain of its own, so a test's domain-wide policy cannot reach another test's accounts.</summary>
    public static string NewDomain() => $"d{Guid.NewGuid():N}"[..12] + ".test";

    /// <summary>Registers a new software passkey named <paramref name="name"/> for the signed-in <paramref name="client"/>.</summary>
    public async Task<SoftPasskey> RegisterPasskeyAsync(HttpClient client, string name = "Key")
    {
        ArgumentNullException.ThrowIfNull(client);
        var passkey = new SoftPasskey();
        var creation = await client.PostAsJsonAsync("/api/v1/me/passkeys/options", new { });
        creation.StatusCode.ShouldBe(HttpStatusCode.OK);
        var added = await client.PostAsJsonAsync("/api/v1/me/passkeys", new { name, credential = passkey.Create(await creation.Content.ReadFromJsonAsync<JsonElement>(), Origin) });
        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        return passkey;
    }

    public HttpClient NewClient() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>Sets up and confirms TOTP for the signed-in <paramref name="client"/> (confirming with the previous step's code); returns the secret and the recovery codes.</summary>
    public async Task<(byte[] Secret, string[] RecoveryCodes)> EnableTotpAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var setUp = await client.PostAsJsonAsync("/api/v1/me/two-factor/totp", new { });
        setUp.EnsureSuccessStatusCode();
        var key = (await setUp.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString()!;
        var secret = Base32Encoding.ToBytes(key);
        var confirm = await client.PostAsJsonAsync("/api/v1/me/two-factor/totp/confirm", new { code = Code(secret, -1) });
        confirm.EnsureSuccessStatusCode();
        var codes = (await confirm.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToArray();
        return (secret, codes);
    }

    /// <summary>The first step of sign-in for an account with a second factor; returns the challenge.</summary>
    public static async Task<string> ChallengeAsync(HttpClient client, string email, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/v1/session", new { email, password });
        var problem = await Problems.ReadAsync(response, "two_factor_required");
        return problem.GetProperty("challenge").GetString()!;
    }
}
