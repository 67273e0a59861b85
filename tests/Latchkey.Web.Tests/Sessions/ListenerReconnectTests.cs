using System.Net;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Latchkey.Web.Tests.Sessions;

/// <summary>A node whose LISTEN connection dies drops its cache, reconnects, and still refuses revoked sessions.</summary>
public sealed class ListenerReconnectTests
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task ListenConnectionKilled_CacheDroppedReconnectedRevocationsStillReachTheNode()
    {
        using var factory = new PostgresWebFactory();
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        var listener = factory.Services.GetRequiredService<PostgresSessionListener>();
        var cache = factory.Services.GetRequiredService<SessionCache>();
        await listener.Listening.Task.WaitAsync(TimeSpan.FromSeconds(10));
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        cache.Count.ShouldBeGreaterThan(0);

        await using (var admin = new NpgsqlConnection(factory.Store.ConnectionString))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                $"SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query LIKE 'LISTEN {SessionRevoker.NotifyChannel}%' AND datname = current_database()", admin);
            ((long)(await kill.ExecuteScalarAsync())!).ShouldBe(1);
        }

        for (var i = 0; i < 200 && listener.Connections < 2; i++)
        {
            await Task.Delay(50);
        }

        listener.Connections.ShouldBe(2);
        cache.Enabled.ShouldBeTrue();
        cache.Count.ShouldBe(0);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);
        using var other = await factory.SignedInClientAsync(account.Email!, Password);
        (await other.PostAsync("/api/v1/me/sessions/revoke-all", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private sealed class PostgresWebFactory() : LatchkeyWebFactory(TestStore.Create(DatabaseProvider.Postgres));
}
