using System.Collections.Concurrent;
using Latchkey.Cli;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Cli;

/// <summary><c>latchkey backup</c> and <c>latchkey restore</c> through the real command tree, on real stores.</summary>
public sealed class BackupCliTests : IDisposable
{
    private const string First = "Valid-Pass1";

    private readonly string _folder = Directory.CreateTempSubdirectory("latchkey-backup-").FullName;

    [Fact]
    public async Task Backup_DuringPasswordChanges_RestoredStoreHasEveryAcknowledgedChangeAndIntactAudit()
    {
        using var live = TestStore.Create();
        using var host = new CoreTestHost(store: live);
        if (live.Provider == DatabaseProvider.Postgres)
        {
            var refused = await RunAsync(live, ["backup", "--out", Path.Combine(_folder, "pg.db")]);
            refused.ExitCode.ShouldBe(ExitCodes.Refused);
            refused.Error.ShouldContain("pg_dump");
            return;
        }

        var accounts = new List<Account>();
        for (var i = 0; i < 4; i++)
        {
            accounts.Add(await host.CreateAccountAsync(UniqueEmail.New("burst"), First));
        }

        // Each account's passwords in the order they were acknowledged; a worker per account changes it in a loop.
        var acknowledged = accounts.ToDictionary(a => a.Id, _ => new ConcurrentQueue<string>(new[] { First }));
        using var stop = new CancellationTokenSource();
        var workers = accounts.Select(a => Task.Run(() => ChangeInALoopAsync(host, a, acknowledged[a.Id], stop.Token))).ToList();
        while (acknowledged.Values.Sum(q => q.Count) < accounts.Count + 4)
        {
            await Task.Delay(20);
        }

        var before = acknowledged.ToDictionary(p => p.Key, p => p.Value.ToArray());
        var file = Path.Combine(_folder, "latchkey-backup.db");
        var backup = await RunAsync(live, ["backup", "--out", file]);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        backup.ExitCode.ShouldBe(ExitCodes.Success, backup.Error);
        backup.Output.ShouldStartWith("Backed up schema version ");
        if (!OperatingSystem.IsWindows())
        {
            File.GetUnixFileMode(file).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        // The audit chain is keyed by the key file beside the store (docs/audit.md): a backup is restored with it.
        using var fresh = TestStore.Create(DatabaseProvider.Sqlite);
        File.Copy(Path.Combine(live.DataDirectory, "latchkey.key"), Path.Combine(fresh.DataDirectory, "latchkey.key"));
        var restore = await RunAsync(fresh, ["restore", file]);
        restore.ExitCode.ShouldBe(ExitCodes.Success, restore.Error);
        restore.Output.ShouldContain("The audit log is intact");
        (await RunAsync(fresh, ["audit", "verify"])).ExitCode.ShouldBe(ExitCodes.Success);

        using var restored = new CoreTestHost(store: fresh);
        foreach (var account in accounts)
        {
            // Acknowledged before the backup began: that password, or one acknowledged after it, must be the one in force.
            var pre = before[account.Id];
            var allowed = acknowledged[account.Id].ToArray()[(pre.Length - 1)..];
            (await MatchingAsync(restored, account.Id, allowed)).ShouldBeTrue($"{account.Email} lost a change acknowledged before the backup");
        }
    }

    [Fact]
    public async Task Restore_OverAnExistingStoreWithoutForce_RefusedAndStoreUntouched()
    {
        using var live = TestStore.Create(DatabaseProvider.Sqlite);
        using (var host = new CoreTestHost(store: live))
        {
            await host.CreateAccountAsync(UniqueEmail.New("kept"), First);
        }

        var file = Path.Combine(_folder, "copy.db");
        (await RunAsync(live, ["backup", "--out", file])).ExitCode.ShouldBe(ExitCodes.Success);

        var refused = await RunAsync(live, ["restore", file]);
        var again = await RunAsync(live, ["backup", "--out", file]);
        var forced = await RunAsync(live, ["restore", file, "--force"]);

        refused.ExitCode.ShouldBe(ExitCodes.Refused);
        refused.Error.ShouldStartWith("conflict: A store exists at");
        again.ExitCode.ShouldBe(ExitCodes.Refused);
        forced.ExitCode.ShouldBe(ExitCodes.Success, forced.Error);
    }

    [Fact]
    public async Task Restore_WithoutTheKeyFile_SaysTheAuditChainNeedsIt()
    {
        using var live = TestStore.Create(DatabaseProvider.Sqlite);
        using (var host = new CoreTestHost(store: live))
        {
            await host.CreateAccountAsync(UniqueEmail.New("keyed"), First);
        }

        var file = Path.Combine(_folder, "keyed.db");
        (await RunAsync(live, ["backup", "--out", file])).ExitCode.ShouldBe(ExitCodes.Success);
        using var fresh = TestStore.Create(DatabaseProvider.Sqlite);
        var keyFile = Path.Combine(fresh.DataDirectory, "latchkey.key");

        var withoutKey = await RunAsync(fresh, ["restore", file]);
        var verifyWithoutKey = await RunAsync(fresh, ["audit", "verify"]);
        var keyCreated = File.Exists(keyFile);
        File.Copy(Path.Combine(live.DataDirectory, "latchkey.key"), keyFile);
        var verifyWithKey = await RunAsync(fresh, ["audit", "verify"]);

        withoutKey.ExitCode.ShouldBe(ExitCodes.Refused);
        withoutKey.Output.ShouldStartWith("Restored schema version ");
        withoutKey.Error.ShouldStartWith($"audit_key: the key file {keyFile} is missing: the audit chain is keyed from record 1 on and cannot be verified without it.");
        verifyWithoutKey.Error.ShouldStartWith("audit_key: the key file");
        keyCreated.ShouldBeFalse("checking the chain must not create a new key file");
        verifyWithKey.ExitCode.ShouldBe(ExitCodes.Success, verifyWithKey.Error);
    }

    [Fact]
    public async Task Restore_NotAStore_RefusedClearly()
    {
        using var fresh = TestStore.Create(DatabaseProvider.Sqlite);
        var junk = Path.Combine(_folder, "junk.db");
        await File.WriteAllTextAsync(junk, "this is not a database");

        var result = await RunAsync(fresh, ["restore", junk]);

        result.ExitCode.ShouldBe(ExitCodes.Refused);
        result.Error.ShouldStartWith("validation:");
    }

    [Fact]
    public async Task RestoreCheck_CurrentStore_ReportsSchemaAndAudit()
    {
        using var store = TestStore.Create();
        using (var host = new CoreTestHost(store: store))
        {
            await host.CreateAccountAsync(UniqueEmail.New("checked"), First);
        }

        var result = await RunAsync(store, ["restore", "--check"]);

        result.ExitCode.ShouldBe(ExitCodes.Success, result.Error);
        result.Output.ShouldContain("The audit log is intact");
    }

    private static async Task ChangeInALoopAsync(CoreTestHost host, Account account, ConcurrentQueue<string> passwords, CancellationToken stop)
    {
        var current = First;
        while (!stop.IsCancellationRequested)
        {
            var next = $"Burst-{Guid.NewGuid():N}";
            await using var scope = host.CreateScope();
            var result = await scope.ServiceProvider.GetRequiredService<ChangePasswordHandler>()
                .HandleAsync(new ChangePasswordCommand(account.Id, null, current, next, next, false, false), AuditContext.Cli, CancellationToken.None);
            result.Succeeded.ShouldBeTrue(result.Failure?.Message);
            passwords.Enqueue(next);
            current = next;
        }
    }

    private static async Task<bool> MatchingAsync(CoreTestHost host, Guid accountId, IEnumerable<string> candidates)
    {
        await using var scope = host.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        var account = await users.FindByIdAsync(accountId.ToString());
        foreach (var candidate in candidates)
        {
            if (await users.CheckPasswordAsync(account!, candidate))
            {
                return true;
            }
        }

        return false;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(TestStore store, string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new StringReader(""), output, error, store.Settings);
        return (exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
