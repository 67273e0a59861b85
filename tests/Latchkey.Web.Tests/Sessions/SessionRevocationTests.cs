using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Latchkey.Cli;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace Latchkey.Web.Tests.Sessions;

public sealed class SessionRevocationTests(LatchkeyWebFactory factory, ITestOutputHelper output) : IClassFixture<LatchkeyWebFactory>
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task RevokedByAnotherRequest_NoRequestSucceedsAfterTheRevokeReturns()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var victim = await factory.SignedInClientAsync(account.Email!, Password);
        using var owner = await factory.SignedInClientAsync(account.Email!, Password);
        var victimSession = (await owner.GetFromJsonAsync<JsonElement>("/api/v1/me/sessions"))
            .GetProperty("items").EnumerateArray().Single(s => !s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();
        var results = new ConcurrentQueue<(long Started, HttpStatusCode Status)>();
        var clock = Stopwatch.StartNew();
        long revokedAt = long.MaxValue;

        var loop = Task.Run(async () =>
        {
            for (var i = 0; i < 1000; i++)
            {
                var started = clock.ElapsedTicks;
                var response = await victim.GetAsync("/api/v1/me");
                results.Enqueue((started, response.StatusCode));
            }
        });
        while (results.Count < 100)
        {
            await Task.Delay(1);
        }

        (await owner.DeleteAsync($"/api/v1/me/sessions/{victimSession}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        Interlocked.Exchange(ref revokedAt, clock.ElapsedTicks);
        await loop;

        results.Count.ShouldBe(1000);
        results.Where(r => r.Started > revokedAt).ShouldNotBeEmpty();
        results.Where(r => r.Started > revokedAt).ShouldAllBe(r => r.Status == HttpStatusCode.Unauthorized);
        results.Where(r => r.Started < revokedAt - 1).ShouldContain(r => r.Status == HttpStatusCode.OK);
        output.WriteLine($"{results.Count(r => r.Started > revokedAt)} requests after the revoke, all refused.");
    }

    [Fact]
    public async Task GetSessions_ShapeWithCurrentMarked()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var other = await factory.SignedInClientAsync(account.Email!, Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        var list = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/sessions");

        list.GetProperty("total").GetInt32().ShouldBe(2);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        items[0].GetProperty("current").GetBoolean().ShouldBeTrue();
        foreach (var member in new[] { "id", "current", "device", "ip", "createdAt", "lastSeenAt" })
        {
            items[1].TryGetProperty(member, out _).ShouldBeTrue(member);
        }
    }

    [Fact]
    public async Task DeleteSession_OfAnotherAccount_404AndItStaysAlive()
    {
        var mallory = await factory.CreateAccountAsync(UniqueEmail.New("mallory"), Password);
        var alice = await factory.CreateAccountAsync(UniqueEmail.New("alice"), Password);
        using var aliceClient = await factory.SignedInClientAsync(alice.Email!, Password);
        using var malloryClient = await factory.SignedInClientAsync(mallory.Email!, Password);
        var aliceSession = (await aliceClient.GetFromJsonAsync<JsonElement>("/api/v1/me/sessions")).GetProperty("items")[0].GetProperty("id").GetGuid();

        var response = await malloryClient.DeleteAsync($"/api/v1/me/sessions/{aliceSession}");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await Problems.ReadAsync(response, "not_found");
        (await aliceClient.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData(false, HttpStatusCode.OK)]
    [InlineData(true, HttpStatusCode.Unauthorized)]
    public async Task RevokeAll_OthersAlwaysEndCurrentOnlyWhenAsked(bool includeCurrent, HttpStatusCode currentAfter)
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var phone = await factory.SignedInClientAsync(account.Email!, Password);
        using var tablet = await factory.SignedInClientAsync(account.Email!, Password);
        using var here = await factory.SignedInClientAsync(account.Email!, Password);

        var response = await here.PostAsJsonAsync("/api/v1/me/sessions/revoke-all", new { includeCurrent });

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("ended").GetInt32().ShouldBe(includeCurrent ? 3 : 2);
        (await phone.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await tablet.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await here.GetAsync("/api/v1/me")).StatusCode.ShouldBe(currentAfter);
    }

    [Fact]
    public async Task CliRevocationInAnotherProcessOfTheStore_ReachesTheRunningServer()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(["sessions", "revoke", account.Email!], TextReader.Null, TextWriter.Null, error, factory.Store.Settings);

        exitCode.ShouldBe(0, error.ToString());
        var refused = await RefusedWithinTwoSecondsAsync(client);

        refused.ShouldBeTrue("the server still accepted the session 2 s after the CLI revoked it");
    }

    [Fact]
    public async Task CliDisable_EndsTheAccountsSessions()
    {
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);

        var exitCode = await CliApp.RunAsync(["accounts", "disable", account.Email!], TextReader.Null, TextWriter.Null, TextWriter.Null, factory.Store.Settings);

        exitCode.ShouldBe(0);
        var refused = await RefusedWithinTwoSecondsAsync(client);

        refused.ShouldBeTrue();
        using var again = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        (await again.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>Out-of-process revocations reach the server through a signal or NOTIFY: poll, bounded, for the refusal.</summary>
    private static async Task<bool> RefusedWithinTwoSecondsAsync(HttpClient client)
    {
        for (var i = 0; i < 200; i++)
        {
            if ((await client.GetAsync("/api/v1/me")).StatusCode == HttpStatusCode.Unauthorized)
            {
                return true;
            }

            await Task.Delay(10);
        }

        return false;
    }
}
