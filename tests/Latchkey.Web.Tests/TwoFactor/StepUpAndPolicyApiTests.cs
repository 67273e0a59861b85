using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Web.Tests.TwoFactor;

public sealed class StepUpAndPolicyApiTests(TwoFactorWebFactory factory) : IClassFixture<TwoFactorWebFactory>
{
    private const string Password = "Valid-Pass1";
    private static readonly string[] _accountScope = ["account"];

    [Fact]
    public async Task StepUp_AfterTheWindow_SensitiveActions403UntilACodeIsGiven()
    {
        var domain = NewDomain();
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: domain), Password, mailbox: true);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var (secret, _) = await factory.EnableTotpAsync(client);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        var change = await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "Brand-New-Pass-42", confirmPassword = "Brand-New-Pass-42" });
        var appPassword = await client.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "Phone" });
        var regenerate = await client.PostAsJsonAsync("/api/v1/me/two-factor/recovery-codes", new { });
        var remove = await client.DeleteAsync("/api/v1/me/two-factor/totp");

        await Problems.ReadAsync(change, "step_up_required");
        await Problems.ReadAsync(appPassword, "step_up_required");
        await Problems.ReadAsync(regenerate, "step_up_required");
        await Problems.ReadAsync(remove, "step_up_required");
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/tokens", new { name = "script", scopes = _accountScope, expiresInDays = 30 }), "step_up_required");
        (await client.PostAsJsonAsync("/api/v1/me/step-up", new { code = factory.Code(secret) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "Phone" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var codes = await client.PostAsJsonAsync("/api/v1/me/two-factor/recovery-codes", new { });
        (await codes.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("recoveryCodes").GetArrayLength().ShouldBe(10);
        (await client.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = Password, newPassword = "Brand-New-Pass-42", confirmPassword = "Brand-New-Pass-42" }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task StepUp_WrongCode_ValidationAndStillRequired()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        await factory.EnableTotpAsync(client);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/me/step-up", new { code = "12345" }), "validation");
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/me/step-up", new { }), "validation");
        await Problems.ReadAsync(await client.PostAsJsonAsync("/api/v1/me/two-factor/recovery-codes", new { }), "step_up_required");
    }

    [Fact]
    public async Task StepUp_WithoutSecondFactor_NotAsked()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: NewDomain()), Password, mailbox: true);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        (await client.PostAsJsonAsync("/api/v1/me/app-passwords", new { name = "Laptop" })).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task StepUp_AdminWithSecondFactor_ActionsOnOthersNeedIt()
    {
        var domain = NewDomain();
        var admin = await factory.CreateAccountAsync(UniqueEmail.New("admin", domain), Password, Role.Administrator);
        var user = await factory.CreateAccountAsync(UniqueEmail.New(domain: domain), Password);
        using var client = await factory.SignedInClientAsync(admin.Email!, Password);
        var (secret, _) = await factory.EnableTotpAsync(client);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        await Problems.ReadAsync(await client.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/unlock", new { }), "step_up_required");
        await Problems.ReadAsync(await client.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/password", new { generate = true }), "step_up_required");
        await Problems.ReadAsync(await client.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/two-factor/reset", new { }), "step_up_required");
        (await client.PostAsJsonAsync("/api/v1/me/step-up", new { code = factory.Code(secret) })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await client.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/unlock", new { })).IsSuccessStatusCode.ShouldBeTrue();
    }

    [Fact]
    public async Task Reset_OperatorResetsUser_FactorsGoneSessionsEndedUserMailed()
    {
        var domain = NewDomain();
        var operatorAccount = await factory.CreateAccountAsync(UniqueEmail.New("op", domain), Password, Role.Operator, domain);
        var user = await factory.CreateAccountAsync(UniqueEmail.New(domain: domain), Password);
        using var userClient = await factory.SignedInClientAsync(user.Email!, Password);
        await factory.EnableTotpAsync(userClient);
        using var operatorClient = await factory.SignedInClientAsync(operatorAccount.Email!, Password);

        var response = await operatorClient.PostAsJsonAsync($"/api/v1/accounts/{user.Id}/two-factor/reset", new { });

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await userClient.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await factory.NewClient().PostAsJsonAsync("/api/v1/session", new { email = user.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.TotpAuthenticators.AnyAsync(t => t.AccountId == user.Id)).ShouldBeFalse();
        (await db.RecoveryCodes.AnyAsync(r => r.AccountId == user.Id)).ShouldBeFalse();
        (await db.OutboxMessages.AnyAsync(m => m.To == user.Email && m.Subject == Core.TwoFactor.TwoFactorEmail.ResetSubject)).ShouldBeTrue();
        (await db.AuditEvents.AnyAsync(e => e.Type == "two_factor_reset" && e.TargetId == user.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task Reset_OperatorOnManagerOrPlainUser_Forbidden()
    {
        var domain = NewDomain();
        var operatorAccount = await factory.CreateAccountAsync(UniqueEmail.New("op", domain), Password, Role.Operator, domain);
        var manager = await factory.CreateAccountAsync(UniqueEmail.New("mgr", domain), Password, Role.Manager, domain);
        var plain = await factory.CreateAccountAsync(UniqueEmail.New(domain: domain), Password);
        using var operatorClient = await factory.SignedInClientAsync(operatorAccount.Email!, Password);
        using var plainClient = await factory.SignedInClientAsync(plain.Email!, Password);

        await Problems.ReadAsync(await operatorClient.PostAsJsonAsync($"/api/v1/accounts/{manager.Id}/two-factor/reset", new { }), "forbidden");
        await Problems.ReadAsync(await plainClient.PostAsJsonAsync($"/api/v1/accounts/{operatorAccount.Id}/two-factor/reset", new { }), "forbidden");
    }

    [Fact]
    public async Task Policy_Everyone_SignInThenEveryCall403UntilSetUp()
    {
        var domain = NewDomain();
        var user = await factory.CreateAccountAsync(UniqueEmail.New(domain: domain), Password);
        await SetPolicyAsync(domain, "everyone", 0);
        using var client = factory.NewClient();

        (await client.PostAsJsonAsync("/api/v1/session", new { email = user.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Problems.ReadAsync(await client.GetAsync("/api/v1/me/sessions"), "two_factor_setup_required");
        await factory.EnableTotpAsync(client);
        (await client.GetAsync("/api/v1/me/sessions")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Policy_PrivilegedWithGraceOfOne_UserUntouchedOperatorForcedOnSecondSignIn()
    {
        var domain = NewDomain();
        var user = await factory.CreateAccountAsync(UniqueEmail.New(domain: domain), Password);
        var operatorAccount = await factory.CreateAccountAsync(UniqueEmail.New("op", domain), Password, Role.Operator, domain);
        await SetPolicyAsync(domain, "privileged", 1);

        using var userClient = await factory.SignedInClientAsync(user.Email!, Password);
        (await userClient.GetAsync("/api/v1/me/sessions")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var firstSignIn = await factory.SignedInClientAsync(operatorAccount.Email!, Password);
        (await firstSignIn.GetAsync("/api/v1/accounts?page=1")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var secondSignIn = await factory.SignedInClientAsync(operatorAccount.Email!, Password);

        await Problems.ReadAsync(await secondSignIn.GetAsync("/api/v1/accounts?page=1"), "two_factor_setup_required");
    }

    [Fact]
    public async Task Policy_BadValues_ValidationAndUserForbidden()
    {
        var domain = NewDomain();
        var user = await factory.CreateAccountAsync(UniqueEmail.New(domain: domain), Password);
        using var admin = await AdminClientAsync(domain);
        using var userClient = await factory.SignedInClientAsync(user.Email!, Password);

        await Problems.ReadAsync(await admin.PutAsJsonAsync($"/api/v1/domains/{domain}/two-factor-policy", new { require = "sometimes" }), "validation");
        await Problems.ReadAsync(await admin.PutAsJsonAsync($"/api/v1/domains/{domain}/two-factor-policy", new { require = "everyone", graceSignIns = -1 }), "validation");
        await Problems.ReadAsync(await admin.PutAsJsonAsync("/api/v1/domains/no-such.test/two-factor-policy", new { require = "everyone" }), "not_found");
        await Problems.ReadAsync(await userClient.PutAsJsonAsync($"/api/v1/domains/{domain}/two-factor-policy", new { require = "nobody" }), "forbidden");
    }

    private static string NewDomain() => $"d{Guid.NewGuid():N}"[..12] + ".test";

    private async Task<HttpClient> AdminClientAsync(string domain)
    {
        var admin = await factory.CreateAccountAsync(UniqueEmail.New("admin", domain), Password, Role.Administrator);
        return await factory.SignedInClientAsync(admin.Email!, Password);
    }

    private async Task SetPolicyAsync(string domain, string require, int grace)
    {
        using var admin = await AdminClientAsync(domain);
        var response = await admin.PutAsJsonAsync($"/api/v1/domains/{domain}/two-factor-policy", new { require, graceSignIns = grace, mailNeedsAppPassword = true });
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
