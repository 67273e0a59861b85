using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Latchkey.Web.Tests.TwoFactor;

public sealed class PasskeyApiTests(TwoFactorWebFactory factory) : IClassFixture<TwoFactorWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task Register_ThenSecondStepAndPasswordlessSignIn_OpenSessionsAndRecordUse()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var passkey = new SoftPasskey();
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        var added = await client.PostAsJsonAsync("/api/v1/me/passkeys", new { name = "Laptop", credential = passkey.Create(await OptionsAsync(client, "/api/v1/me/passkeys/options"), factory.Origin) });

        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").GetArrayLength().ShouldBe(10);
        var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/two-factor");
        status.GetRawText().ShouldContain("Laptop");

        using var second = factory.NewClient();
        var signIn = await second.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password });
        var problem = await Problems.ReadAsync(signIn, "two_factor_required");
        problem.GetProperty("methods").EnumerateArray().Select(m => m.GetString()).ShouldBe(["passkey", "recovery_code"]);
        var challenge = problem.GetProperty("challenge").GetString()!;
        var options = await OptionsAsync(second, "/api/v1/session/two-factor/passkey/options", new { challenge });
        var completed = await second.PostAsJsonAsync("/api/v1/session/two-factor/passkey", new { challenge, credential = passkey.Get(options, factory.Origin) });
        completed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var third = factory.NewClient();
        var passwordless = await third.PostAsJsonAsync("/api/v1/session/passkey", new { credential = passkey.Get(await OptionsAsync(third, "/api/v1/session/passkey/options"), factory.Origin) });
        passwordless.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await third.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var stored = await db.Passkeys.AsNoTracking().SingleAsync(p => p.AccountId == account.Id);
        stored.SignCount.ShouldBe(2);
        stored.LastUsedAt.ShouldNotBeNull();
        (await db.AuditEvents.AsNoTracking().CountAsync(e => e.TargetId == account.Id && e.Type == AuditEventTypes.TwoFactorAdded)).ShouldBe(1);
    }

    [Fact]
    public async Task Register_WrongOrigin_ReplayedOrExpiredCeremony_Refused()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var passkey = new SoftPasskey();
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        var phished = await client.PostAsJsonAsync("/api/v1/me/passkeys", new { name = "Phished", credential = passkey.Create(await OptionsAsync(client, "/api/v1/me/passkeys/options"), "https://latchkey.example.evil") });
        await Problems.ReadAsync(phished, "validation");

        var expiredOptions = await OptionsAsync(client, "/api/v1/me/passkeys/options");
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/me/passkeys", new { name = "Late", credential = passkey.Create(expiredOptions, factory.Origin) }), "validation");

        var answer = passkey.Create(await OptionsAsync(client, "/api/v1/me/passkeys/options"), factory.Origin);
        (await client.PostAsJsonAsync("/api/v1/me/passkeys", new { name = "Phone", credential = answer })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/me/passkeys", new { name = "Phone again", credential = answer }), "validation");

        await using var scope = factory.Services.CreateAsyncScope();
        var names = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Passkeys.AsNoTracking().Where(p => p.AccountId == account.Id).Select(p => p.Name).ToListAsync();
        names.ShouldBe(["Phone"]);
    }

    [Fact]
    public async Task SignIn_ReplayedAssertion_LowerCounter_NoUserVerification_OtherOrigin_Refused()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var passkey = await RegisteredAsync(account.Email!);
        using var client = factory.NewClient();

        var first = passkey.Get(await OptionsAsync(client, "/api/v1/session/passkey/options"), factory.Origin);
        (await client.PostAsJsonAsync("/api/v1/session/passkey", new { credential = first })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/session/passkey", new { credential = first }), "invalid_credentials");

        passkey.SignCount = 0;
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/session/passkey", new { credential = passkey.Get(await OptionsAsync(client, "/api/v1/session/passkey/options"), factory.Origin) }), "invalid_credentials");
        passkey.SignCount = 10;
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/session/passkey", new { credential = passkey.Get(await OptionsAsync(client, "/api/v1/session/passkey/options"), factory.Origin, userVerified: false) }), "invalid_credentials");
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/session/passkey", new { credential = passkey.Get(await OptionsAsync(client, "/api/v1/session/passkey/options"), "https://phish.example") }), "invalid_credentials");
        (await client.PostAsJsonAsync("/api/v1/session/passkey", new { credential = passkey.Get(await OptionsAsync(client, "/api/v1/session/passkey/options"), factory.Origin) })).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task SignIn_DisabledAccount_RefusedLikeAPassword()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var passkey = await RegisteredAsync(account.Email!);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.Where(a => a.Id == account.Id).ExecuteUpdateAsync(set => set.SetProperty(a => a.Disabled, true));
        }

        using var client = factory.NewClient();
        var refused = await client.PostAsJsonAsync("/api/v1/session/passkey", new { credential = passkey.Get(await OptionsAsync(client, "/api/v1/session/passkey/options"), factory.Origin) });
        (await Problems.ReadAsync(refused, "invalid_credentials")).GetProperty("title").GetString().ShouldBe(Core.SignIn.SignInHandler.RefusedMessage);
    }

    [Fact]
    public async Task SecondStep_PasskeyOfAnotherAccount_RefusedAndCounted()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        var other = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var own = await RegisteredAsync(account.Email!);
        using var foreign = await RegisteredAsync(other.Email!);
        using var client = factory.NewClient();

        var challenge = await TwoFactorWebFactory.ChallengeAsync(client, account.Email!, Password);
        var options = await OptionsAsync(client, "/api/v1/session/two-factor/passkey/options", new { challenge });
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/session/two-factor/passkey", new { challenge, credential = foreign.Get(options, factory.Origin) }), "invalid_credentials");

        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().TwoFactorChallenges.AsNoTracking().SingleAsync(c => c.AccountId == account.Id)).Failures.ShouldBe(1);
    }

    [Fact]
    public async Task Remove_NeedsStepUp_ThenLastFactorGoesWithItsRecoveryCodes()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var passkey = new SoftPasskey();
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var added = await client.PostAsJsonAsync("/api/v1/me/passkeys", new { name = "Key", credential = passkey.Create(await OptionsAsync(client, "/api/v1/me/passkeys/options"), factory.Origin) });
        var recovery = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes")[0].GetString();
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var id = (await db.Passkeys.AsNoTracking().SingleAsync(p => p.AccountId == account.Id)).Id;
        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        await Problems.ReadAsync(await client.DeleteAsync($"/api/v1/me/passkeys/{id}"), "step_up_required");
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/me/passkeys/options", new { }), "step_up_required");
        (await client.PostAsJsonAsync("/api/v1/me/step-up", new { recoveryCode = recovery })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.DeleteAsync($"/api/v1/me/passkeys/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await db.Passkeys.AsNoTracking().AnyAsync(p => p.AccountId == account.Id)).ShouldBeFalse();
        (await db.RecoveryCodes.AsNoTracking().AnyAsync(r => r.AccountId == account.Id)).ShouldBeFalse();
        (await db.Users.AsNoTracking().SingleAsync(a => a.Id == account.Id)).TwoFactorEnabled.ShouldBeFalse();
        (await db.AuditEvents.AsNoTracking().CountAsync(e => e.TargetId == account.Id && e.Type == AuditEventTypes.TwoFactorRemoved)).ShouldBe(1);
    }

    [Fact]
    public async Task Passwordless_TooManyFailuresFromOneAddress_429WithRetryAfter()
    {
        using var limited = new TwoFactorWebFactory();
        limited.Settings["Latchkey:Lockout:IpDelayAfter"] = "0";
        limited.Settings["Latchkey:Lockout:IpRefuseAfter"] = "3";
        using var client = limited.NewClient();
        using var stranger = new SoftPasskey();
        var origin = new Uri(limited.Services.GetRequiredService<IOptions<LatchkeyOptions>>().Value.PublicUrl).GetLeftPart(UriPartial.Authority);

        for (var i = 0; i < 3; i++)
        {
            var options = await OptionsAsync(client, "/api/v1/session/passkey/options");
            await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/session/passkey", new { credential = stranger.Get(options, origin) }), "invalid_credentials");
        }

        var refused = await client.PostAsJsonAsync("/api/v1/session/passkey/options", new { });
        await Problems.ReadAsync(refused, "rate_limited");
        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        var finish = await client.PostAsJsonAsync("/api/v1/session/passkey", new { credential = new { } });
        finish.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        finish.Headers.RetryAfter.ShouldNotBeNull();
    }

    private async Task<SoftPasskey> RegisteredAsync(string email)
    {
        var passkey = new SoftPasskey();
        using var client = await factory.SignedInClientAsync(email, Password);
        var added = await client.PostAsJsonAsync("/api/v1/me/passkeys", new { name = "Key", credential = passkey.Create(await OptionsAsync(client, "/api/v1/me/passkeys/options"), factory.Origin) });
        added.StatusCode.ShouldBe(HttpStatusCode.OK);
        return passkey;
    }

    private static async Task<JsonElement> OptionsAsync(HttpClient client, string path, object? body = null)
    {
        var response = await client.PostAsJsonAsync(path, body ?? new { });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
