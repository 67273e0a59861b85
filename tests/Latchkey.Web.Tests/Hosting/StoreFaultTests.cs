using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Latchkey.Web.Tests.Infrastructure;
using Npgsql;

namespace Latchkey.Web.Tests.Hosting;

/// <summary>Finding 4 of issue 14: a store that is down, full or read-only answers 503 unavailable, never 500.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreFaultTests
{
    private const string Password = "Valid-Pass1";

    [Fact]
    public async Task PostgresStopped_MeAndPasswordPolicy503UnavailableWithRetryAfter_HealthzUnhealthy()
    {
        using var postgres = PrivatePostgres.Start();
        using var factory = new FaultFactory(TestStore.Create(DatabaseProvider.Sqlite));
        factory.Settings["Latchkey:Database:Provider"] = "postgres";
        factory.Settings["ConnectionStrings:Latchkey"] = postgres.ConnectionString;
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = await factory.SignedInClientAsync(account.Email!, Password);
        (await client.GetAsync("/api/v1/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        postgres.Stop();

        await AssertUnavailableAsync(await client.GetAsync("/api/v1/me"));
        await AssertUnavailableAsync(await client.GetAsync("/api/v1/password-policy"));
        await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password }));
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task PostgresDatabaseDropped_SignIn503UnavailableWithRetryAfter_HealthzUnhealthy()
    {
        using var postgres = PrivatePostgres.Start();
        var connectionString = postgres.ConnectionString.Replace("Database=postgres", "Database=latchkey_dropped", StringComparison.Ordinal);
        await AdminAsync(postgres, "CREATE DATABASE latchkey_dropped");
        using var factory = new FaultFactory(TestStore.Create(DatabaseProvider.Sqlite));
        factory.Settings["Latchkey:Database:Provider"] = "postgres";
        factory.Settings["ConnectionStrings:Latchkey"] = connectionString;
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient();
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The database is gone but the server answers: new connections meet 3D000 (invalid_catalog_name).
        await AdminAsync(postgres, "DROP DATABASE latchkey_dropped WITH (FORCE)");
        using (var pooled = new NpgsqlConnection(connectionString))
        {
            NpgsqlConnection.ClearPool(pooled);
        }

        await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password }));
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task SqliteDiskFull_SignIn503Unavailable_HealthzUnhealthy()
    {
        using var disk = TmpfsMount.Create("8m");
        using var store = TestStore.Create(DatabaseProvider.Sqlite);
        using var factory = new FaultFactory(store);
        factory.Settings["Latchkey:DataDirectory"] = disk.Path;
        factory.Settings["ConnectionStrings:Latchkey"] = $"Data Source={Path.Combine(disk.Path, "latchkey.db")};Default Timeout=5";
        var account = await factory.CreateAccountAsync(UniqueEmail.New(), Password);
        using var client = factory.CreateClient();
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);

        disk.Fill();

        await AssertUnavailableAsync(await client.PostAsJsonAsync("/api/v1/session", new { email = account.Email, password = Password }));
        (await client.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public async Task Serve_ReadOnlyDataDirectory_OneLineAndExitCode3()
    {
        using var disk = TmpfsMount.Create("1m");
        disk.MakeReadOnly();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = disk.Path };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "latchkey.dll"), "serve", "--urls", "http://127.0.0.1:0" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["Latchkey__DataDirectory"] = Path.Combine(disk.Path, "data");
        start.Environment["Latchkey__Database__Provider"] = "sqlite";
        using var process = Process.Start(start)!;
        var errorTask = process.StandardError.ReadToEndAsync();
        var outputTask = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        var error = await errorTask;

        process.ExitCode.ShouldBe(3, error + await outputTask);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldHaveSingleItem().ShouldStartWith("latchkey: ");
        lines[0].ShouldContain(Path.Combine(disk.Path, "data"));
        lines[0].ShouldContain("read-only", Case.Insensitive);
    }

    private static async Task AssertUnavailableAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Headers.RetryAfter.ShouldNotBeNull();
        await Problems.ReadAsync(response, "unavailable");
    }

    private static async Task AdminAsync(PrivatePostgres postgres, string sql)
    {
        await using var connection = new NpgsqlConnection(postgres.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class FaultFactory(TestStore store) : LatchkeyWebFactory(store);
}
