using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.TwoFactor;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.TwoFactor;

/// <summary>
/// Step-up with a passkey (<c>POST /api/v1/me/step-up/passkey[/options]</c>), with the software authenticator: a
/// passkey-only account confirms it is them and the sensitive action goes ahead; every answer the passkey second
/// step refuses is refused here too, and none of them marks the session.
/// </summary>
public sealed class PasskeyStepUpApiTests(TwoFactorWebFactory factory) : IClassFixture<TwoFactorWebFactory>
{
    private const string Password = "Valid-Pass1";
    private const string OptionsPath = "/api/v1/me/step-up/passkey/options";
    private const string StepUpPath = "/api/v1/me/step-up/passkey";
    private const string SensitivePath = "/api/v1/me/two-factor/recovery-codes";

    [Fact]
    public async Task StepUp_OwnPasskey_SessionCheckedAndSensitiveActionSucceeds()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        using var passkey = await factory.RegisterPasskeyAsync(client);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        await Problems.ReadAsync(await client.PostAsJsonAsync(SensitivePath, new { }), "step_up_required");

        var options = await OptionsAsync(client);
        var confirmed = await client.PostAsJsonAsync(StepUpPath, new { credential = passkey.Get(options, factory.Origin) });

        confirmed.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        options.GetProperty("userVerification").GetString().ShouldBe("required");
        var codes = await client.PostAsJsonAsync(SensitivePath, new { });
        codes.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await codes.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").GetArrayLength().ShouldBe(10);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var stored = await db.Passkeys.AsNoTracking().SingleAsync(p => p.AccountId == account.Id);
        stored.SignCount.ShouldBe(1);
        stored.LastUsedAt.ShouldBe(factory.Clock.GetUtcNow());
        var audited = await db.AuditEvents.AsNoTracking().Where(e => e.TargetId == account.Id && e.Type == AuditEventTypes.StepUp).ToListAsync();
        audited.Select(e => (e.Outcome, e.Detail)).ShouldBe([(AuditEventTypes.Success, SecondFactorMethod.Passkey)]);
    }

    [Fact]
    public async Task StepUp_PasskeyOfAnotherAccount_RefusedAndCounted()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        var other = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        using var otherClient = await factory.SignedInClientAsync(other.Email!, Password);
        using var own = await factory.RegisterPasskeyAsync(client);
        using var foreign = await factory.RegisterPasskeyAsync(otherClient);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        var foreignAnswer = await client.PostAsJsonAsync(StepUpPath, new { credential = foreign.Get(await OptionsAsync(client), factory.Origin) });
        var ownAnswerToForeignCeremony = await otherClient.PostAsJsonAsync(StepUpPath, new { credential = own.Get(await OptionsAsync(client), factory.Origin) });

        (await Problems.ReadAsync(foreignAnswer, "validation")).GetProperty("errors").GetProperty("credential")[0].GetString().ShouldBe(PasskeySignInHandler.RefusedMessage);
        await Problems.ReadAsync(ownAnswerToForeignCeremony, "validation");
        await Problems.ReadAsync(await client.PostAsJsonAsync(SensitivePath, new { }), "step_up_required");
        await Problems.ReadAsync(await otherClient.PostAsJsonAsync(SensitivePath, new { }), "step_up_required");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.Passkeys.AsNoTracking().SingleAsync(p => p.AccountId == other.Id)).SignCount.ShouldBe(0);
        (await db.AuditEvents.AsNoTracking().CountAsync(e => e.TargetId == account.Id && e.Type == AuditEventTypes.StepUp && e.Outcome == AuditEventTypes.Failure)).ShouldBe(1);
        (await db.LoginFailures.AsNoTracking().CountAsync(f => f.AccountId == account.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task StepUp_ReplayedExpiredOrOtherKindOfCeremony_Refused()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        using var passkey = await factory.RegisterPasskeyAsync(client);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var answer = passkey.Get(await OptionsAsync(client), factory.Origin);
        (await client.PostAsJsonAsync(StepUpPath, new { credential = answer })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        var replayed = await client.PostAsJsonAsync(StepUpPath, new { credential = answer });
        var late = passkey.Get(await OptionsAsync(client), factory.Origin);
        factory.Clock.Advance(TimeSpan.FromMinutes(5));
        var expired = await client.PostAsJsonAsync(StepUpPath, new { credential = late });
        using var anonymous = factory.NewClient();
        var passwordlessOptions = await anonymous.PostAsJsonAsync("/api/v1/session/passkey/options", new { });
        var otherKind = await client.PostAsJsonAsync(StepUpPath, new { credential = passkey.Get(await passwordlessOptions.Content.ReadFromJsonAsync<JsonElement>(), factory.Origin) });

        await Problems.ReadAsync(replayed, "validation");
        await Problems.ReadAsync(expired, "validation");
        await Problems.ReadAsync(otherKind, "validation");
        await Problems.ReadAsync(await client.PostAsJsonAsync(SensitivePath, new { }), "step_up_required");
    }

    [Fact]
    public async Task StepUp_CounterNotGrowingOrNoUserVerification_Refused()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        using var passkey = await factory.RegisterPasskeyAsync(client);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        (await client.PostAsJsonAsync(StepUpPath, new { credential = passkey.Get(await OptionsAsync(client), factory.Origin) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        passkey.SignCount = 0;
        var sameCounter = await client.PostAsJsonAsync(StepUpPath, new { credential = passkey.Get(await OptionsAsync(client), factory.Origin) });
        passkey.SignCount = 10;
        var unverified = await client.PostAsJsonAsync(StepUpPath, new { credential = passkey.Get(await OptionsAsync(client), factory.Origin, userVerified: false) });
        var phished = await client.PostAsJsonAsync(StepUpPath, new { credential = passkey.Get(await OptionsAsync(client), "https://phish.example") });

        await Problems.ReadAsync(sameCounter, "validation");
        await Problems.ReadAsync(unverified, "validation");
        await Problems.ReadAsync(phished, "validation");
        await Problems.ReadAsync(await client.PostAsJsonAsync(SensitivePath, new { }), "step_up_required");
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Passkeys.AsNoTracking().SingleAsync(p => p.AccountId == account.Id)).SignCount.ShouldBe(1);
    }

    [Fact]
    public async Task StepUp_AccountWithoutPasskeyOrFactor_NotFoundAndConflict()
    {
        var totpOnly = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        var none = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var totpClient = await factory.SignedInClientAsync(totpOnly.Email!, Password);
        using var noneClient = await factory.SignedInClientAsync(none.Email!, Password);
        await factory.EnableTotpAsync(totpClient);
        using var stranger = new SoftPasskey();
        using var anonymous = factory.NewClient();
        var strangerOptions = await (await anonymous.PostAsJsonAsync("/api/v1/session/passkey/options", new { })).Content.ReadFromJsonAsync<JsonElement>();

        var options = await totpClient.PostAsJsonAsync(OptionsPath, new { });
        var withoutFactor = await noneClient.PostAsJsonAsync(StepUpPath, new { credential = stranger.Get(strangerOptions, factory.Origin) });
        var empty = await totpClient.PostAsJsonAsync(StepUpPath, new { });

        (await Problems.ReadAsync(options, "not_found")).GetProperty("title").GetString().ShouldBe(BeginPasskeyStepUpHandler.NoPasskeyMessage);
        await Problems.ReadAsync(withoutFactor, "conflict");
        await Problems.ReadAsync(empty, "validation");
    }

    private static async Task<JsonElement> OptionsAsync(HttpClient client)
    {
        var response = await client.PostAsJsonAsync(OptionsPath, new { });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
