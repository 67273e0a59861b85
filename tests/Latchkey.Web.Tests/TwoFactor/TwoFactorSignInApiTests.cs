using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.TwoFactor;

public sealed class TwoFactorSignInApiTests(TwoFactorWebFactory factory) : IClassFixture<TwoFactorWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task SetUp_ConfirmWithFirstCode_TurnsOnAndAnswersTenRecoveryCodesNeverTheSecret()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        var (secret, codes) = await factory.EnableTotpAsync(client);

        codes.Length.ShouldBe(10);
        var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/two-factor");
        status.GetProperty("enabled").GetBoolean().ShouldBeTrue();
        status.GetProperty("totp").GetBoolean().ShouldBeTrue();
        status.GetProperty("recoveryCodesLeft").GetInt32().ShouldBe(10);
        status.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ShouldBe(["totp", "recovery_code"]);
        status.GetRawText().ShouldNotContain(OtpNet.Base32Encoding.ToString(secret).TrimEnd('='));
        await using var scope = factory.Services.CreateAsyncScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().TotpAuthenticators.AsNoTracking().SingleAsync(t => t.AccountId == account.Id);
        stored.ProtectedSecret.ShouldNotContain(OtpNet.Base32Encoding.ToString(secret).TrimEnd('='));
        stored.ProtectedSecret.ShouldNotContain(Convert.ToBase64String(secret));
    }

    [Fact]
    public async Task Confirm_WrongCode_ValidationAndStaysOff()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        (await client.PostAsJsonAsync("/api/v1/me/two-factor/totp", new { })).EnsureSuccessStatusCode();

        var response = await client.PostAsJsonAsync("/api/v1/me/two-factor/totp/confirm", new { code = "000000" });

        await Problems.ReadAsync(response, "validation");
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me/two-factor")).GetProperty("enabled").GetBoolean().ShouldBeFalse();
        (await factory.NewClient().PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_RightPassword_401ChallengeNoCookieThenCodeOpensSession()
    {
        var (email, secret, _) = await EnabledAccountAsync();
        using var client = factory.NewClient();

        var first = await client.PostAsJsonAsync("/api/v1/session", new { email, password = Password });

        first.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        first.Headers.Contains("Set-Cookie").ShouldBeFalse();
        var problem = await Problems.ReadAsync(first, "two_factor_required");
        problem.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ShouldContain("totp");
        var second = await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge = problem.GetProperty("challenge").GetString(), code = factory.Code(secret) });
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        second.Headers.GetValues("Set-Cookie").ShouldContain(c => c.StartsWith("latchkey_session=", StringComparison.Ordinal));
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_WrongPassword_SameAnswerAsWithoutSecondFactorAndNoChallenge()
    {
        var (email, _, _) = await EnabledAccountAsync();
        var plain = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.NewClient();

        var withFactor = await client.PostAsJsonAsync("/api/v1/session", new { email, password = "Wrong-Pass-9" });
        var without = await client.PostAsJsonAsync("/api/v1/session", new { email = plain.Email, password = "Wrong-Pass-9" });

        var a = await Problems.ReadAsync(withFactor, "invalid_credentials");
        var b = await Problems.ReadAsync(without, "invalid_credentials");
        a.TryGetProperty("challenge", out _).ShouldBeFalse();
        static string Shape(JsonElement problem) => string.Join('|', problem.EnumerateObject().Where(p => p.Name != "traceId").Select(p => p.Name + "=" + p.Value.GetRawText()));
        Shape(a).ShouldBe(Shape(b));
    }

    [Fact]
    public async Task SignIn_PasswordAndCodeInOneRequest_OpensSession()
    {
        var (email, secret, _) = await EnabledAccountAsync();
        using var client = factory.NewClient();

        var response = await client.PostAsJsonAsync("/api/v1/session", new { email, password = Password, code = factory.Code(secret) });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TwoFactor_ReplayedCode_Refused()
    {
        var (email, secret, _) = await EnabledAccountAsync();
        using var client = factory.NewClient();
        var code = factory.Code(secret);
        var challenge = await TwoFactorWebFactory.ChallengeAsync(client, email, Password);
        (await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge, code })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var again = await TwoFactorWebFactory.ChallengeAsync(factory.NewClient(), email, Password);
        var replay = await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge = again, code });

        var problem = await Problems.ReadAsync(replay, "invalid_credentials");
        problem.GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task TwoFactor_RecoveryCode_WorksOnceAndMailsHowManyAreLeft()
    {
        var (email, _, codes) = await EnabledAccountAsync();
        using var client = factory.NewClient();

        var first = await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge = await TwoFactorWebFactory.ChallengeAsync(client, email, Password), recoveryCode = codes[3] });
        var reuse = await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge = await TwoFactorWebFactory.ChallengeAsync(client, email, Password), recoveryCode = codes[3] });

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problems.ReadAsync(reuse, "invalid_credentials");
        await using var scope = factory.Services.CreateAsyncScope();
        var mail = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.To == email && m.Subject == Core.TwoFactor.TwoFactorEmail.RecoveryCodeUsedSubject).ToListAsync();
        mail.ShouldHaveSingleItem().TextBody.ShouldContain("Recovery codes left: 9.");
    }

    [Fact]
    public async Task TwoFactor_ExpiredChallenge_Refused()
    {
        var (email, secret, _) = await EnabledAccountAsync();
        using var client = factory.NewClient();
        var challenge = await TwoFactorWebFactory.ChallengeAsync(client, email, Password);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));

        var response = await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge, code = factory.Code(secret) });

        var problem = await Problems.ReadAsync(response, "invalid_credentials");
        problem.GetProperty("errors").TryGetProperty("challenge", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task TwoFactor_ForeignChallengeWithOtherAccountsCode_Refused()
    {
        var (alice, _, _) = await EnabledAccountAsync();
        var (_, bobSecret, _) = await EnabledAccountAsync();
        using var client = factory.NewClient();
        var challenge = await TwoFactorWebFactory.ChallengeAsync(client, alice, Password);

        var response = await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge, code = factory.Code(bobSecret) });

        await Problems.ReadAsync(response, "invalid_credentials");
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task TwoFactor_UnknownOrUsedChallenge_Refused()
    {
        var (email, secret, _) = await EnabledAccountAsync();
        using var client = factory.NewClient();
        var challenge = await TwoFactorWebFactory.ChallengeAsync(client, email, Password);
        (await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge, code = factory.Code(secret) })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var used = await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge, code = factory.Code(secret, 1) });
        var unknown = await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge = Core.Sessions.SessionTokens.NewToken(), code = factory.Code(secret, 1) });

        (await Problems.ReadAsync(used, "invalid_credentials")).GetProperty("errors").TryGetProperty("challenge", out _).ShouldBeTrue();
        (await Problems.ReadAsync(unknown, "invalid_credentials")).GetProperty("errors").TryGetProperty("challenge", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task TwoFactor_FiveWrongCodes_ChallengeDiesAndWrongCodesLockLikeWrongPasswords()
    {
        var (email, secret, _) = await EnabledAccountAsync();
        using var client = factory.NewClient();
        var right = factory.Code(secret);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var nonce = await db.DovecotPolicySecrets.AsNoTracking().Select(s => s.Nonce).FirstOrDefaultAsync() ?? "";
        var wrongCodes = WrongPasswords.DistinctCodes(nonce, email, right, 10);
        var challenge = await TwoFactorWebFactory.ChallengeAsync(client, email, Password);

        foreach (var code in wrongCodes.Take(5))
        {
            var wrong = await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge, code });
            (await Problems.ReadAsync(wrong, "invalid_credentials")).GetProperty("errors").TryGetProperty("code", out _).ShouldBeTrue();
        }

        var late = await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge, code = right });
        (await Problems.ReadAsync(late, "invalid_credentials")).GetProperty("errors").TryGetProperty("challenge", out _).ShouldBeTrue();
        var account = await db.Users.AsNoTracking().SingleAsync(a => a.Email == email);
        (await db.LoginFailures.CountAsync(f => f.AccountId == account.Id)).ShouldBe(5);

        var next = await TwoFactorWebFactory.ChallengeAsync(client, email, Password);
        foreach (var code in wrongCodes.Skip(5))
        {
            await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge = next, code }), "invalid_credentials");
        }

        (await db.Users.AsNoTracking().SingleAsync(a => a.Email == email)).LockoutEnd.ShouldNotBeNull();
    }

    [Fact]
    public async Task TwoFactor_MissingFields_Validation()
    {
        using var client = factory.NewClient();

        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/session/two-factor", new { code = "123456" }), "validation");
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/session/two-factor", new { challenge = "x" }), "validation");
    }

    private async Task<(string Email, byte[] Secret, string[] Codes)> EnabledAccountAsync()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var (secret, codes) = await factory.EnableTotpAsync(client);
        return (account.Email!, secret, codes);
    }
}
