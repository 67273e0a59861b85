using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;

namespace Latchkey.Web.Tests.Api;

public sealed class PasswordEndpointsTests(LatchkeyWebFactory factory) : IClassFixture<LatchkeyWebFactory>
{
    private const string Old = "Old-Pass-111";
    private const string New = "New-Pass-222";

    [Fact]
    public async Task PostMePassword_Valid_204OtherSessionRefusedThisOneContinues()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Old);
        using var here = await factory.SignedInClientAsync(account.Email!, Old);
        using var phone = await factory.SignedInClientAsync(account.Email!, Old);

        var response = await here.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Old, newPassword = New, confirmPassword = New });

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await phone.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await here.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PostMePassword_SignOutEverywhere_ThisSessionEndsAndCookieCleared()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Old);
        using var here = await factory.SignedInClientAsync(account.Email!, Old);

        var response = await here.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Old, newPassword = New, confirmPassword = New, signOutEverywhere = true });

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Headers.GetValues("Set-Cookie").Single().ShouldContain("expires=Thu, 01 Jan 1970");
        (await here.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task PostMePassword_WrongCurrent_403InvalidCurrentPassword()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Old);
        using var client = await factory.SignedInClientAsync(account.Email!, Old);

        var response = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = "Wrong-Pass-1", newPassword = New, confirmPassword = New });

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await Problems.ReadAsync(response, "invalid_current_password")).GetProperty("errors").TryGetProperty("currentPassword", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task PostMePassword_Mismatch_400PasswordMismatch()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Old);
        using var client = await factory.SignedInClientAsync(account.Email!, Old);

        var response = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Old, newPassword = New, confirmPassword = New + "!" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await Problems.ReadAsync(response, "password_mismatch");
    }

    [Fact]
    public async Task PostMePassword_PolicyFailure_400WithRuleIdsUnderNewPassword()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Old);
        using var client = await factory.SignedInClientAsync(account.Email!, Old);

        var response = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Old, newPassword = "alllowercase", confirmPassword = "alllowercase" });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await Problems.ReadAsync(response, "password_policy");
        problem.GetProperty("errors").GetProperty("newPassword").EnumerateArray().Select(e => e.GetString()).ShouldBe(
            [PasswordRuleIds.RequireUpper, PasswordRuleIds.RequireDigit, PasswordRuleIds.RequireSpecial], ignoreOrder: true);
    }

    [Fact]
    public async Task PostMePassword_Anonymous_401()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Old, newPassword = New, confirmPassword = New });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task GetPasswordPolicy_ForAddress_RulesWithIdsAndTexts()
    {
        using var client = factory.CreateClient();

        var policy = await client.GetFromJsonAsync<JsonElement>("/api/v1/password-policy?email=someone@example.com");

        var rules = policy.GetProperty("rules").EnumerateArray().ToList();
        rules.Select(r => r.GetProperty("id").GetString()).ShouldBe(PasswordPolicy.Default.EnforcedRules());
        rules[0].GetProperty("text").GetString().ShouldBe("At least 8 characters");
        policy.GetProperty("policy").GetProperty("minLength").GetInt32().ShouldBe(8);
    }

    [Fact]
    public async Task GetPasswordPolicy_AcceptLanguageGerman_GermanTexts()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("de-DE,de;q=0.9,en;q=0.5");

        var policy = await client.GetFromJsonAsync<JsonElement>("/api/v1/password-policy?email=someone@example.com");

        policy.GetProperty("rules")[0].GetProperty("text").GetString().ShouldBe("Mindestens 8 Zeichen");
    }

    [Fact]
    public async Task PostCheck_TicksEachRuleLikeTheServerEnforcesIt()
    {
        using var client = factory.CreateClient();

        var weak = await client.PostAsJsonAsync("/api/v1/passwords/check", new { password = "abc", email = "abc@example.com" });
        var strong = await client.PostAsJsonAsync("/api/v1/passwords/check", new { password = "Tangerine-Orbit-47!", email = "abc@example.com" });

        var weakBody = await weak.Content.ReadFromJsonAsync<JsonElement>();
        weakBody.GetProperty("failed").EnumerateArray().Select(e => e.GetString()).ShouldBe(
            [.. PasswordPolicy.Default.FailedStaticRules("abc", "abc@example.com"), PasswordRuleIds.Blocklist]);
        var strongBody = await strong.Content.ReadFromJsonAsync<JsonElement>();
        strongBody.GetProperty("failed").GetArrayLength().ShouldBe(0);
        strongBody.GetProperty("rules").EnumerateArray().ShouldAllBe(r => r.GetProperty("met").GetBoolean());
        strongBody.GetProperty("score").GetInt32().ShouldBeGreaterThan(weakBody.GetProperty("score").GetInt32());
    }

    [Fact]
    public async Task PostCheck_CommonPassword_BlocklistRuleUnmetAndScoreZero()
    {
        using var client = factory.CreateClient();

        var body = await (await client.PostAsJsonAsync("/api/v1/passwords/check", new { password = "P@ssw0rd", email = "x@example.com" })).Content.ReadFromJsonAsync<JsonElement>();

        body.GetProperty("failed").EnumerateArray().Select(e => e.GetString()).ShouldBe([PasswordRuleIds.Blocklist]);
        body.GetProperty("score").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task PostCheck_PasswordOver4KiB_400()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/passwords/check", new { password = new string('a', 5000) });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        await Problems.ReadAsync(response, "validation");
    }

    [Fact]
    public async Task PostGenerate_MeetsThePolicy()
    {
        using var client = factory.CreateClient();

        var body = await (await client.PostAsJsonAsync("/api/v1/passwords/generate", new { email = "gen@example.com", length = 24 })).Content.ReadFromJsonAsync<JsonElement>();

        var password = body.GetProperty("password").GetString()!;
        password.Length.ShouldBe(24);
        PasswordPolicy.Default.FailedStaticRules(password, "gen@example.com").ShouldBeEmpty();
    }

    [Theory]
    [InlineData(3)]
    [InlineData(100000)]
    public async Task PostGenerate_LengthOutOfRange_400(int length)
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/v1/passwords/generate", new { length });

        await Problems.ReadAsync(response, "validation");
    }
}
