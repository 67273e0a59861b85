using Latchkey.Cli;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.SignIn;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Cli;

/// <summary>The real command tree, in process, against a real store; output captured.</summary>
public sealed class CliTests : IDisposable
{
    private readonly TestStore _store = TestStore.Create();
    private bool _migrated;

    /// <summary>The store's settings; locks last until unlocked, as the CLI's clock is real and the tests' host's is not.</summary>
    private Dictionary<string, string?> Settings
    {
        get
        {
            var settings = _store.Settings;
            settings["Latchkey:Lockout:LockUntilUnlocked"] = "true";
            return settings;
        }
    }

    [Fact]
    public async Task AccountsAdd_PasswordFromStdin_UserCanSignIn()
    {
        var (exitCode, output, error) = await RunAsync(["accounts", "add", "--email", "cli@example.com", "--role", "User", "--mailbox", "--password-stdin"], "Stdin-Pass-123\n");

        exitCode.ShouldBe(0, error);
        output.ShouldContain("Created cli@example.com (User in example.com).");
        (await SignInAsync("cli@example.com", "Stdin-Pass-123")).ShouldBeTrue();
    }

    [Fact]
    public async Task AccountsAdd_Generate_PrintsAPasswordThatWorks()
    {
        var (exitCode, output, _) = await RunAsync(["accounts", "add", "--email", "gen@example.com", "--role", "operator", "--domain", "example.com", "--generate"]);

        exitCode.ShouldBe(0);
        var password = output.Split('\n').Single(l => l.StartsWith("Password (shown once): ", StringComparison.Ordinal))["Password (shown once): ".Length..].Trim();
        (await SignInAsync("gen@example.com", password)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(new[] { "accounts", "add", "--role", "User" }, "--email")]
    [InlineData(new[] { "accounts", "add", "--email", "x@example.com", "--role", "Emperor" }, "Emperor")]
    [InlineData(new[] { "accounts", "add", "--email", "x@example.com", "--role", "User", "--generate", "--password-stdin" }, "not both")]
    [InlineData(new[] { "accounts", "frobnicate" }, "frobnicate")]
    public async Task BadArguments_ExitCode2WithOneLineError(string[] args, string mentioned)
    {
        var (exitCode, _, error) = await RunAsync(args);

        exitCode.ShouldBe(ExitCodes.Usage);
        error.ShouldStartWith("latchkey: ");
        error.ShouldContain(mentioned);
    }

    [Fact]
    public async Task AccountsAdd_OperatorWithoutDomain_Refused()
    {
        var (exitCode, _, error) = await RunAsync(["accounts", "add", "--email", "op@example.com", "--role", "Operator", "--generate"]);

        exitCode.ShouldBe(ExitCodes.Refused);
        error.Trim().ShouldStartWith("validation: A Operator acts within a domain");
    }

    [Fact]
    public async Task AccountsAdd_WeakPassword_RefusedWithPolicyCode()
    {
        var (exitCode, _, error) = await RunAsync(["accounts", "add", "--email", "weak@example.com", "--role", "User", "--password-stdin"], "abc\n");

        exitCode.ShouldBe(ExitCodes.Refused);
        error.ShouldStartWith("password_policy: ");
    }

    [Fact]
    public async Task DomainsAddAndList_ShowsDomainsWithCounts()
    {
        (await RunAsync(["domains", "add", "Example.ORG"])).ExitCode.ShouldBe(0);
        (await RunAsync(["domains", "add", "example.org"])).ExitCode.ShouldBe(ExitCodes.Refused);
        (await RunAsync(["accounts", "add", "--email", "a@example.org", "--role", "User", "--generate"])).ExitCode.ShouldBe(0);

        var (exitCode, output, _) = await RunAsync(["domains", "list"]);

        exitCode.ShouldBe(0);
        output.ShouldContain("example.org\t1");
    }

    [Fact]
    public async Task AccountsList_FilteredByDomain_ListsOnlyThatDomain()
    {
        await RunAsync(["accounts", "add", "--email", "one@a.example", "--role", "User", "--generate", "--mailbox"]);
        await RunAsync(["accounts", "add", "--email", "two@b.example", "--role", "User", "--generate"]);

        var (exitCode, output, _) = await RunAsync(["accounts", "list", "--domain", "a.example"]);

        exitCode.ShouldBe(0);
        output.Trim().ShouldBe("one@a.example\tUser@a.example\tpanel,mailbox");
    }

    [Fact]
    public async Task AccountsPasswd_Generate_NewPasswordWorksOldDoesNot()
    {
        await RunAsync(["accounts", "add", "--email", "pat@example.com", "--role", "User", "--password-stdin"], "Stdin-Pass-123\n");

        var (exitCode, output, error) = await RunAsync(["accounts", "passwd", "pat@example.com", "--generate", "--require-change"]);

        exitCode.ShouldBe(0, error);
        var password = output.Split('\n').Single(l => l.StartsWith("Password (shown once): ", StringComparison.Ordinal))["Password (shown once): ".Length..].Trim();
        (await SignInAsync("pat@example.com", password)).ShouldBeTrue();
        (await SignInAsync("pat@example.com", "Stdin-Pass-123")).ShouldBeFalse();
    }

    [Fact]
    public async Task AccountsPasswd_UnknownAccount_NotFound()
    {
        var (exitCode, _, error) = await RunAsync(["accounts", "passwd", "ghost@example.com", "--generate"]);

        exitCode.ShouldBe(ExitCodes.Refused);
        error.ShouldStartWith("not_found: ");
    }

    [Fact]
    public async Task AccountsImport_TwiceTheSameFile_CreatesOnceAndImportedHashWorks()
    {
        var v3 = new Microsoft.AspNetCore.Identity.PasswordHasher<Core.Data.Account>().HashPassword(new Core.Data.Account(), "Legacy-Pass-1");
        var file = Path.Combine(_store.DataDirectory, "accounts.csv");
        await File.WriteAllTextAsync(file,
            "email,role,domain,mailbox,password,password_hash\n" +
            "one@import.example,User,,true,,\n" +
            "\"two@import.example\",Operator,import.example,false,Import-Pass-9!,\n" +
            $"three@import.example,,,yes,,{v3}\n");

        var first = await RunAsync(["accounts", "import", file]);
        var second = await RunAsync(["accounts", "import", file]);

        first.Output.ShouldContain("Created 3 account(s); 0 existed already.");
        second.Output.ShouldContain("Created 0 account(s); 3 existed already.");
        (await SignInAsync("two@import.example", "Import-Pass-9!")).ShouldBeTrue();
        (await SignInAsync("three@import.example", "Legacy-Pass-1")).ShouldBeTrue();
        (await RunAsync(["accounts", "list", "--domain", "import.example"])).Output.ShouldContain("one@import.example\tUser@import.example\tpanel,mailbox");
    }

    [Fact]
    public async Task AccountsImport_DovecotSha512CryptHash_SignsInAndIsUpgradedToArgon2id()
    {
        var (_, hash, _) = await ProcessRunner.RunAsync("doveadm", ["pw", "-s", "SHA512-CRYPT", "-p", "Dovecot-Pass-1"]);
        var file = Path.Combine(_store.DataDirectory, "dovecot.csv");
        await File.WriteAllTextAsync(file, $"email,mailbox,password_hash\nmigrated@import.example,true,{hash.Trim()}\n");

        (await RunAsync(["accounts", "import", file])).ExitCode.ShouldBe(0);

        (await SignInAsync("migrated@import.example", "Dovecot-Pass-2")).ShouldBeFalse();
        (await SignInAsync("migrated@import.example", "Dovecot-Pass-1")).ShouldBeTrue();
        using var host = new CoreTestHost(store: _store, migrate: false);
        await using var scope = host.CreateScope();
        var stored = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            scope.ServiceProvider.GetRequiredService<Core.Data.LatchkeyDbContext>().Users, a => a.Email == "migrated@import.example");
        stored.PasswordHash!.ShouldStartWith("$argon2id$");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("name,role\nx,User\n", "no 'email' column")]
    [InlineData("email,name\na@x.example,x\n", "Unknown column 'name'")]
    [InlineData("email,role\nnot-an-address,User\n", "line 2")]
    [InlineData("email,role\na@x.example,Emperor\n", "'Emperor' is not a role")]
    [InlineData("email\n\"unterminated\n", "not closed")]
    [InlineData("email,role\na@x.example,User\na@x.example,User\n", "more than once")]
    public async Task AccountsImport_BadFile_RefusedAndNothingWritten(string content, string mentioned)
    {
        var file = Path.Combine(_store.DataDirectory, "bad.csv");
        await File.WriteAllTextAsync(file, content);

        var (exitCode, _, error) = await RunAsync(["accounts", "import", file]);

        exitCode.ShouldBe(ExitCodes.Refused);
        error.ShouldStartWith("validation: ");
        error.ShouldContain(mentioned);
        (await RunAsync(["accounts", "list"])).Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Migrate_FreshStore_ReportsUpgradeThenUpToDate()
    {
        var first = await RunAsync(["migrate"]);
        var second = await RunAsync(["migrate"]);

        first.Output.ShouldContain("from schema version 0 to");
        second.Output.ShouldContain("is up to date");
    }

    [Fact]
    public async Task AccountsUnlock_LockedMailbox_UnlockedAndSaysSo()
    {
        await RunAsync(["accounts", "add", "--email", "locked@example.com", "--role", "User", "--mailbox", "--password-stdin"], "Stdin-Pass-123\n");
        foreach (var wrong in WrongPasswords.Distinct("", "locked@example.com", 10))
        {
            await SignInAsync("locked@example.com", wrong);
        }

        (await SignInAsync("locked@example.com", "Stdin-Pass-123")).ShouldBeFalse();
        (await RunAsync(["accounts", "list"])).Output.ShouldContain("locked");

        var (exitCode, output, error) = await RunAsync(["accounts", "unlock", "LOCKED@example.com"]);
        var again = await RunAsync(["accounts", "unlock", "locked@example.com"]);

        exitCode.ShouldBe(0, error);
        output.Trim().ShouldBe("Unlocked locked@example.com.");
        again.Output.Trim().ShouldBe("locked@example.com was not locked; its failure counters start over.");
        (await SignInAsync("locked@example.com", "Stdin-Pass-123")).ShouldBeTrue();
    }

    [Fact]
    public async Task AccountsUnlock_UnknownAccount_RefusedNotFound()
    {
        var (exitCode, _, error) = await RunAsync(["accounts", "unlock", "nobody@example.com"]);

        exitCode.ShouldBe(ExitCodes.Refused);
        error.ShouldStartWith("not_found: ");
    }

    [Fact]
    public async Task AccountsDisableEnableAndSessionsRevoke_ThroughTheHandlers_AuditedAsCli()
    {
        await RunAsync(["accounts", "add", "--email", "door@example.com", "--role", "User", "--password-stdin"], "Stdin-Pass-123\n");

        var disabled = await RunAsync(["accounts", "disable", "DOOR@example.com"]);
        var revoked = await RunAsync(["sessions", "revoke", "door@example.com"]);
        var enabled = await RunAsync(["accounts", "enable", "door@example.com"]);
        var unknown = await RunAsync(["accounts", "disable", "nobody@example.com"]);

        disabled.ExitCode.ShouldBe(0, disabled.Error);
        disabled.Output.Trim().ShouldBe("Disabled door@example.com.");
        revoked.Output.Trim().ShouldBe("Ended 0 session(s) of door@example.com.");
        enabled.Output.Trim().ShouldBe("Enabled door@example.com.");
        unknown.ExitCode.ShouldBe(ExitCodes.Refused);
        unknown.Error.ShouldStartWith("not_found: ");
        using var host = new CoreTestHost(Settings, _store, migrate: false);
        await using var scope = host.CreateScope();
        var events = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().AuditEvents.AsNoTracking()
            .Where(e => e.TargetEmail == "door@example.com" && (e.Type == AuditEventTypes.AccountDisabled || e.Type == AuditEventTypes.AccountEnabled || e.Type == AuditEventTypes.SessionsRevoked))
            .Select(e => e.ActorEmail).ToListAsync();
        events.Count.ShouldBe(3);
        events.ShouldAllBe(actor => actor == "cli");
    }

    [Fact]
    public async Task DovecotConfig_BadPort_Usage()
    {
        var (exitCode, _, error) = await RunAsync(["dovecot", "config", "--out", "/tmp/x", "--imap-port", "70000"]);

        exitCode.ShouldBe(ExitCodes.Usage);
        error.ShouldContain("--imap-port");
    }

    [Theory]
    [InlineData("accounts", "list")]
    [InlineData("accounts", "unlock", "jane@example.com")]
    [InlineData("sessions", "revoke", "jane@example.com")]
    [InlineData("audit", "verify")]
    public async Task Verb_DataDirectoryWithoutStore_Exit3AndCreatesNothing(params string[] args)
    {
        using var empty = TestStore.Create();
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exitCode = await CliApp.RunAsync(args, TextReader.Null, output, error, empty.Settings);

        exitCode.ShouldBe(ExitCodes.Environment);
        error.ToString().ShouldStartWith("latchkey: no Latchkey store at ");
        error.ToString().ShouldContain("latchkey migrate");
        File.Exists(Path.Combine(empty.DataDirectory, "latchkey.db")).ShouldBeFalse();
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args, string input = "")
    {
        if (!_migrated && args is not ["migrate", ..])
        {
            (await CliApp.RunAsync(["migrate"], TextReader.Null, TextWriter.Null, TextWriter.Null, Settings)).ShouldBe(ExitCodes.Success);
            _migrated = true;
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new StringReader(input), output, error, Settings);
        return (exitCode, output.ToString(), error.ToString());
    }

    private async Task<bool> SignInAsync(string email, string password)
    {
        using var host = new CoreTestHost(Settings, _store, migrate: false);
        await using var scope = host.CreateScope();
        var result = await scope.ServiceProvider.GetRequiredService<SignInHandler>().HandleAsync(new SignInRequest(email, password, "127.0.0.1", "test"));
        return result.Succeeded;
    }

    public void Dispose() => _store.Dispose();
}
