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

/// <summary><c>PATCH /api/v1/me/passkeys/{id}</c>: the name rule of creation, audited, only the account's own passkeys.</summary>
public sealed class PasskeyRenameApiTests(TwoFactorWebFactory factory) : IClassFixture<TwoFactorWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task Rename_OwnPasskey_TrimmedStoredListedAndAudited()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var id = await RegisterAsync(client, account.Id);
        factory.Clock.Advance(TimeSpan.FromMinutes(6));

        var renamed = await client.PatchAsJsonAsync($"/api/v1/me/passkeys/{id}", new { name = "  Work laptop  " });

        renamed.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await renamed.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("id").GetGuid().ShouldBe(id);
        body.GetProperty("name").GetString().ShouldBe("Work laptop");
        var status = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/two-factor");
        status.GetProperty("passkeys")[0].GetProperty("name").GetString().ShouldBe("Work laptop");
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.Passkeys.AsNoTracking().SingleAsync(p => p.Id == id)).Name.ShouldBe("Work laptop");
        var audited = await db.AuditEvents.AsNoTracking().SingleAsync(e => e.TargetId == account.Id && e.Type == AuditEventTypes.PasskeyRenamed);
        audited.Outcome.ShouldBe(AuditEventTypes.Success);
        audited.ActorId.ShouldBe(account.Id);
        audited.Detail.ShouldBe("Key -> Work laptop");
    }

    [Theory]
    [InlineData("   ", PasskeyNames.EmptyMessage)]
    [InlineData(null, PasskeyNames.EmptyMessage)]
    public async Task Rename_EmptyName_SameValidationAsCreation(string? name, string message)
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var id = await RegisterAsync(client, account.Id);

        var renamed = await client.PatchAsJsonAsync($"/api/v1/me/passkeys/{id}", new { name });
        var created = await client.PostAsJsonAsync("/api/v1/me/passkeys", new { name, credential = (object?)null });

        var renameProblem = await Problems.ReadAsync(renamed, "validation");
        var createProblem = await Problems.ReadAsync(created, "validation");
        renameProblem.GetProperty("errors").GetProperty("name")[0].GetString().ShouldBe(message);
        createProblem.GetProperty("errors").GetProperty("name")[0].GetString().ShouldBe(message);
        await AssertNameAsync(id, "Key");
    }

    [Fact]
    public async Task Rename_LongerThanTheColumn_Refused_AtTheLimit_Accepted()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var id = await RegisterAsync(client, account.Id);
        var longest = new string('k', Core.Common.ColumnWidths.PasskeyName);

        var tooLong = await client.PatchAsJsonAsync($"/api/v1/me/passkeys/{id}", new { name = longest + "k" });
        var created = await client.PostAsJsonAsync("/api/v1/me/passkeys", new { name = longest + "k", credential = (object?)null });

        (await Problems.ReadAsync(tooLong, "validation")).GetProperty("errors").GetProperty("name")[0].GetString().ShouldBe(PasskeyNames.TooLongMessage);
        (await Problems.ReadAsync(created, "validation")).GetProperty("errors").GetProperty("name")[0].GetString().ShouldBe(PasskeyNames.TooLongMessage);
        await AssertNameAsync(id, "Key");
        (await client.PatchAsJsonAsync($"/api/v1/me/passkeys/{id}", new { name = " " + longest + " " })).StatusCode.ShouldBe(HttpStatusCode.OK);
        await AssertNameAsync(id, longest);
    }

    [Fact]
    public async Task Rename_AnotherAccountsOrUnknownPasskey_NotFoundAndUnchanged()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        var other = await factory.CreateAccountAsync(UniqueEmail.New(domain: TwoFactorWebFactory.NewDomain()), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        using var otherClient = await factory.SignedInClientAsync(other.Email!, Password);
        var foreignId = await RegisterAsync(otherClient, other.Id);

        var foreign = await client.PatchAsJsonAsync($"/api/v1/me/passkeys/{foreignId}", new { name = "Mine now" });
        var unknown = await client.PatchAsJsonAsync($"/api/v1/me/passkeys/{Guid.NewGuid()}", new { name = "Mine now" });

        await Problems.ReadAsync(foreign, "not_found");
        await Problems.ReadAsync(unknown, "not_found");
        await AssertNameAsync(foreignId, "Key");
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents.AsNoTracking()
            .AnyAsync(e => e.Type == AuditEventTypes.PasskeyRenamed && (e.TargetId == account.Id || e.TargetId == other.Id))).ShouldBeFalse();
    }

    private async Task<Guid> RegisterAsync(HttpClient client, Guid accountId)
    {
        using var passkey = await factory.RegisterPasskeyAsync(client);
        await using var scope = factory.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Passkeys.AsNoTracking().SingleAsync(p => p.AccountId == accountId)).Id;
    }

    private async Task AssertNameAsync(Guid id, string expected)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Passkeys.AsNoTracking().SingleAsync(p => p.Id == id)).Name.ShouldBe(expected);
    }
}
