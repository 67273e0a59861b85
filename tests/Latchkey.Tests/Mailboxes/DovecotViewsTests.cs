using System.Data.Common;
using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Mailboxes;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Mailboxes;

/// <summary>
/// The views Dovecot reads, queried with Dovecot's own queries, on SQLite and PostgreSQL. The views compare the
/// lock with the database's clock, so these tests set it relative to the real time.
/// </summary>
public sealed class DovecotViewsTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task CurrentView_Mailbox_OneRowPerProtocolWithDovecotsArgon2idPrefix()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);

        var rows = await QueryAsync("SELECT username, protocol, password, nologin, reason FROM dovecot_passdb WHERE username = {0}", account.Email!);

        rows.Select(r => r[1]).ShouldBe(["imap", "pop3", "submission", "doveadm"], ignoreOrder: true);
        rows.ShouldAllBe(r => ((string)r[2]!).StartsWith("{ARGON2ID}$argon2id$v=19$", StringComparison.Ordinal) && r[3] == null && r[4] == null);
        var phc = ((string)rows[0][2]!)["{ARGON2ID}".Length..];
        _host.Services.GetRequiredService<Argon2idHasher>().Verify(phc, Password).ShouldBeTrue();
    }

    [Fact]
    public async Task CurrentView_NoMailboxOrDisabled_NoRows()
    {
        var panelOnly = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var disabled = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await using (var scope = _host.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<Core.Accounts.SetAccountDisabledHandler>().HandleAsync(disabled.Id, true, Core.Access.Actor.Console, AuditContext.Cli);
        }

        (await QueryAsync("SELECT username FROM dovecot_passdb WHERE username = {0}", panelOnly.Email!)).ShouldBeEmpty();
        (await QueryAsync("SELECT username FROM dovecot_passdb WHERE username = {0}", disabled.Email!)).ShouldBeEmpty();
    }

    [Fact]
    public async Task CurrentView_LockedUntilLater_NologinWithTheReasonUntilTheLockEnds()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await using (var scope = _host.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
            db.LockoutStates.Add(new LockoutState { AccountId = account.Id, Level = 1, CountFrom = DateTimeOffset.UnixEpoch, Reason = "Locked for the test." });
            await db.SaveChangesAsync();
        }

        await SetLockoutEndAsync(account.Id, TimeProvider.System.GetUtcNow().AddMinutes(10));
        var locked = await QueryAsync("SELECT nologin, reason FROM dovecot_passdb WHERE username = {0} AND protocol = 'imap'", account.Email!);
        await SetLockoutEndAsync(account.Id, TimeProvider.System.GetUtcNow().AddMinutes(-1));
        var expired = await QueryAsync("SELECT nologin, reason FROM dovecot_passdb WHERE username = {0} AND protocol = 'imap'", account.Email!);
        await SetLockoutEndAsync(account.Id, AccountLock.Indefinite);
        var indefinite = await QueryAsync("SELECT nologin FROM dovecot_passdb WHERE username = {0} AND protocol = 'imap'", account.Email!);

        locked.ShouldHaveSingleItem().ShouldBe(["y", "Locked for the test."]);
        expired.ShouldHaveSingleItem().ShouldBe([null, null]);
        indefinite.ShouldHaveSingleItem().ShouldBe(["y"]);
    }

    [Fact]
    public async Task PreviousView_AfterAChange_HoldsThePreviousPasswordRefusingWithStaleMark()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        (await QueryAsync("SELECT username FROM dovecot_passdb_previous WHERE username = {0}", account.Email!)).ShouldBeEmpty();
        _host.Clock.Advance(TimeSpan.FromMinutes(1));
        await using (var scope = _host.CreateScope())
        {
            var changed = await scope.ServiceProvider.GetRequiredService<ChangePasswordHandler>().HandleAsync(
                new ChangePasswordCommand(account.Id, null, Password, "Other-Pass2!", "Other-Pass2!", false), AuditContext.Cli);
            changed.Succeeded.ShouldBeTrue(changed.Failure?.Message);
        }

        var rows = await QueryAsync("SELECT protocol, password, nologin, reason, stale_password FROM dovecot_passdb_previous WHERE username = {0}", account.Email!);

        rows.Select(r => r[0]).ShouldBe(["imap", "pop3", "submission"], ignoreOrder: true);
        var row = rows.First();
        var hasher = _host.Services.GetRequiredService<Argon2idHasher>();
        var previous = ((string)row[1]!)["{ARGON2ID}".Length..];
        hasher.Verify(previous, Password).ShouldBeTrue();
        hasher.Verify(previous, "Other-Pass2!").ShouldBeFalse();
        row[2].ShouldBe("y");
        row[3].ShouldBe("This device still uses your previous password (changed 2026-11-23). Enter the new password in its account settings.");
        row[4].ShouldBe("y");
    }

    [Fact]
    public async Task AppView_AppPassword_FoundBySha256OfThePasswordOnlyForMailProtocols()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        CreatedAppPassword created;
        await using (var scope = _host.CreateScope())
        {
            created = (await scope.ServiceProvider.GetRequiredService<CreateAppPasswordHandler>().HandleAsync(account.Id, null, "Phone", AuditContext.Cli)).Value!;
        }

        var rows = await QueryAsync(
            "SELECT protocol, app_password_id, nologin FROM dovecot_passdb_app WHERE username = {0} AND app_hash = {1}",
            account.Email!, AppPasswordGenerator.Hash(created.Password));

        rows.Select(r => r[0]).ShouldBe(["imap", "pop3", "submission"], ignoreOrder: true);
        rows.ShouldAllBe(r => Guid.Parse((string)r[1]!) == created.AppPassword.Id && r[2] == null);
        (await QueryAsync("SELECT protocol FROM dovecot_passdb_app WHERE username = {0} AND app_hash = {1}", account.Email!, AppPasswordGenerator.Hash("guess"))).ShouldBeEmpty();
    }

    public void Dispose() => _host.Dispose();

    private async Task SetLockoutEndAsync(Guid accountId, DateTimeOffset end)
    {
        await using var scope = _host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Users.Where(a => a.Id == accountId)
            .ExecuteUpdateAsync(set => set.SetProperty(a => a.LockoutEnd, (DateTimeOffset?)end));
    }

    /// <summary>Runs <paramref name="sql"/> (<c>{0}</c>, <c>{1}</c> … are parameters) and returns every row as objects (DBNull as null).</summary>
    private async Task<List<object?[]>> QueryAsync(string sql, params string[] parameters)
    {
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        var text = sql;
        for (var i = 0; i < parameters.Length; i++)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + i;
            parameter.Value = parameters[i];
            command.Parameters.Add(parameter);
            text = text.Replace("{" + i + "}", "@p" + i, StringComparison.Ordinal);
        }

        command.CommandText = text;
        var rows = new List<object?[]>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
