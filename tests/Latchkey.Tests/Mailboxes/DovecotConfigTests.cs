using Latchkey.Core.Mailboxes;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Latchkey.Tests.Mailboxes;

[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class DovecotConfigTests : IDisposable
{
    private readonly CoreTestHost _host = new(new() { ["urls"] = "http://0.0.0.0:7010;http://127.0.0.1:7011" });
    private readonly string _directory = Directory.CreateTempSubdirectory("latchkey-dovecot-config-").FullName;

    [Fact]
    public async Task Write_DefaultSettings_NoAuthCacheNoPenaltyPolicyWithSecretAndThreePassdbs()
    {
        var config = await WriteAsync(new DovecotConfigRequest(_directory, ImapPort: 10143, SubmissionPort: 10587));

        var main = await File.ReadAllTextAsync(Path.Combine(_directory, "dovecot.conf"));
        main.ShouldContain("auth_cache_size = 0\n");
        main.ShouldContain("unix_listener anvil-auth-penalty {\n    mode = 0\n");
        main.ShouldContain($"auth_policy_server_url = http://dovecot:{config.PolicySecret.Secret}@127.0.0.1:7010/dovecot/policy\n");
        main.ShouldContain($"auth_policy_hash_nonce = {config.PolicySecret.Nonce}\n");
        main.ShouldContain("auth_policy_hash_truncate = 12\n");
        main.ShouldContain("stale=%{passdb:stale_password} app_password=%{passdb:app_password_id}");
        main.ShouldContain("port = 10143\n");
        main.ShouldContain("listen = 127.0.0.1\n");
        foreach (var file in new[] { DovecotConfig.PasswordFile, DovecotConfig.AppPasswordFile, DovecotConfig.PreviousPasswordFile })
        {
            main.ShouldContain($"args = {_directory}/{file}\n");
            var sql = await File.ReadAllTextAsync(Path.Combine(_directory, file));
            sql.ShouldContain($"driver = {(_host.Store.Provider == Core.Data.DatabaseProvider.Postgres ? "pgsql" : "sqlite")}\n");
            File.GetUnixFileMode(Path.Combine(_directory, file)).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.GetUnixFileMode(Path.Combine(_directory, "dovecot.conf")).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        (await File.ReadAllTextAsync(Path.Combine(_directory, DovecotConfig.AppPasswordFile))).ShouldContain("app_hash = '%{sha256:password}'");
    }

    [Fact]
    public async Task Write_Twice_SameSecretUnlessRotated()
    {
        var first = await WriteAsync(new DovecotConfigRequest(_directory));
        var second = await WriteAsync(new DovecotConfigRequest(_directory));
        var rotated = await WriteAsync(new DovecotConfigRequest(_directory, NewSecret: true));

        second.PolicySecret.Secret.ShouldBe(first.PolicySecret.Secret);
        second.PolicySecret.Nonce.ShouldBe(first.PolicySecret.Nonce);
        rotated.PolicySecret.Secret.ShouldNotBe(first.PolicySecret.Secret);
        rotated.PolicySecret.Nonce.ShouldNotBe(first.PolicySecret.Nonce);
        await using var scope = _host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<DovecotPolicySecrets>().FindAsync())!.Secret.ShouldBe(rotated.PolicySecret.Secret);
    }

    /// <summary>SQLite only (a PostgreSQL store has no file): test.sh runs it in the SQLite pass alone.</summary>
    [Fact]
    [Trait("Provider", "sqlite")]
    public async Task Write_SqliteStore_ConnectsToTheStoreFile()
    {
        _host.Store.Provider.ShouldBe(Core.Data.DatabaseProvider.Sqlite, "a SQLite-only test: filter with Provider!=sqlite on PostgreSQL");
        await WriteAsync(new DovecotConfigRequest(_directory, PolicyUrl: "http://127.0.0.1:9999"));

        (await File.ReadAllTextAsync(Path.Combine(_directory, DovecotConfig.PasswordFile)))
            .ShouldContain($"connect = {Path.Combine(_host.Store.DataDirectory, "latchkey.db")}\n");
        (await File.ReadAllTextAsync(Path.Combine(_directory, "dovecot.conf"))).ShouldContain("@127.0.0.1:9999/dovecot/policy\n");
    }

    [Fact]
    public async Task Write_Always_DoveconfAcceptsIt()
    {
        await WriteAsync(new DovecotConfigRequest(_directory, ImapPort: 10143, SubmissionPort: 10587));

        var (exitCode, output, error) = await ProcessRunner.RunAsync("doveconf", ["-c", Path.Combine(_directory, "dovecot.conf"), "-n"]);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("auth_policy_request_attributes = login=%{requested_username}");
    }

    [Fact]
    public void ToConnInfo_PasswordWithSpacesAndQuotes_QuotedForLibpq()
    {
        var builder = new NpgsqlConnectionStringBuilder("Host=db.example;Port=5433;Database=latchkey;Username=dovecot;Password=it's a secret\\;SSL Mode=Require");

        DovecotStoreConnection.ToConnInfo(builder).ShouldBe("host=db.example port=5433 dbname=latchkey user=dovecot password='it\\'s a secret\\\\' sslmode=require");
    }

    public void Dispose()
    {
        _host.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task<DovecotConfig> WriteAsync(DovecotConfigRequest request)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<WriteDovecotConfigHandler>().HandleAsync(request);
    }
}
