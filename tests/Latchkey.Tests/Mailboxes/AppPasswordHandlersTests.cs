using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Mailboxes;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Mailboxes;

public sealed class AppPasswordHandlersTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task Create_Mailbox_ReturnsPasswordOnceStoresOnlyItsSha256()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);

        var created = (await CreateAsync(account.Id, "  Phone mail  ")).Value!;

        created.Password.ShouldMatch("^([a-z2-9]{4}-){4}[a-z2-9]{4}$");
        created.AppPassword.Name.ShouldBe("Phone mail");
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        var stored = await db.AppPasswords.SingleAsync(p => p.AccountId == account.Id);
        stored.Hash.ShouldBe(AppPasswordGenerator.Hash(created.Password));
        stored.Hash.ShouldNotContain(created.Password);
        (await db.AuditEvents.SingleAsync(e => e.Type == AuditEventTypes.AppPasswordCreated)).Detail.ShouldBe(created.AppPassword.Id.ToString());
        var listed = await scope.ServiceProvider.GetRequiredService<ListAppPasswordsHandler>().HandleAsync(account.Id);
        listed.ShouldHaveSingleItem().LastUsedAt.ShouldBeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("a name that is far too long for an app password, longer than sixty-four characters")]
    public async Task Create_BadName_ValidationOnNameField(string name)
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);

        var result = await CreateAsync(account.Id, name);

        result.Failure!.Code.ShouldBe(ErrorCodes.Validation);
        result.Failure.Errors!.Keys.ShouldBe(["name"]);
    }

    [Fact]
    public async Task Create_SameNameTwice_Conflict()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await CreateAsync(account.Id, "Laptop");

        (await CreateAsync(account.Id, "laptop")).Failure!.Code.ShouldBe(ErrorCodes.Conflict);
    }

    [Fact]
    public async Task Create_AccountWithoutMailbox_Forbidden()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);

        (await CreateAsync(account.Id, "Phone")).Failure!.Code.ShouldBe(ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Revoke_OneOfTwo_OnlyThatOneGoesAndOnlyByItsOwner()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        var other = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        var phone = (await CreateAsync(account.Id, "Phone")).Value!;
        await CreateAsync(account.Id, "Laptop");

        await using var scope = _host.CreateScope();
        var revoke = scope.ServiceProvider.GetRequiredService<RevokeAppPasswordHandler>();
        (await revoke.HandleAsync(other.Id, phone.AppPassword.Id, AuditContext.Cli)).ShouldBeFalse();
        (await revoke.HandleAsync(account.Id, phone.AppPassword.Id, AuditContext.Cli)).ShouldBeTrue();
        (await revoke.HandleAsync(account.Id, phone.AppPassword.Id, AuditContext.Cli)).ShouldBeFalse();

        (await scope.ServiceProvider.GetRequiredService<ListAppPasswordsHandler>().HandleAsync(account.Id)).ShouldHaveSingleItem().Name.ShouldBe("Laptop");
    }

    [Theory]
    [InlineData(false, 1)]
    [InlineData(true, 0)]
    public async Task ChangePassword_AppPasswordsSurviveUnlessRevokeChosen(bool revoke, int left)
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        await CreateAsync(account.Id, "Phone");

        await using var scope = _host.CreateScope();
        var changed = await scope.ServiceProvider.GetRequiredService<ChangePasswordHandler>().HandleAsync(
            new ChangePasswordCommand(account.Id, null, Password, "Other-Pass2!", "Other-Pass2!", false, revoke), AuditContext.Cli);

        changed.Succeeded.ShouldBeTrue(changed.Failure?.Message);
        (await scope.ServiceProvider.GetRequiredService<ListAppPasswordsHandler>().HandleAsync(account.Id)).Count.ShouldBe(left);
    }

    [Fact]
    public async Task ReportSuccessWithAppPassword_RecordsItsLastUse()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password, mailbox: true);
        var created = (await CreateAsync(account.Id, "Phone")).Value!;
        _host.Clock.Advance(TimeSpan.FromMinutes(5));

        await using var scope = _host.CreateScope();
        await scope.ServiceProvider.GetRequiredService<ReportMailLoginHandler>().HandleAsync(
            new MailLoginAttempt(account.Email!, "0123", "198.51.100.4", "submission", null, AppPasswordId: created.AppPassword.Id, Success: true));

        var used = (await scope.ServiceProvider.GetRequiredService<ListAppPasswordsHandler>().HandleAsync(account.Id)).Single();
        used.LastUsedAt.ShouldBe(_host.Clock.GetUtcNow());
        used.LastUsedIp.ShouldBe("198.51.100.4");
        used.LastUsedProtocol.ShouldBe("submission");
    }

    public void Dispose() => _host.Dispose();

    private async Task<Result<CreatedAppPassword>> CreateAsync(Guid accountId, string name)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<CreateAppPasswordHandler>().HandleAsync(accountId, null, name, AuditContext.Cli);
    }
}
