using System.Security.Cryptography;
using System.Text.Json;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.TwoFactor;
using Latchkey.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.TwoFactor;

/// <summary>
/// The Core side of the passkey step-up's first half and of renaming, on the real store (the signed answers are
/// checked end to end with a software authenticator in <c>PasskeyStepUpApiTests</c>).
/// </summary>
public sealed class PasskeyStepUpAndRenameHandlersTests : IDisposable
{
    private const string Password = "Valid-Pass1";
    private readonly CoreTestHost _host = new();

    [Fact]
    public async Task BeginStepUp_OwnPasskeysOnly_UserVerificationRequired_CeremonyStoredHashedForFiveMinutes()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var other = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var own = await AddPasskeyAsync(account.Id, "Laptop");
        await AddPasskeyAsync(other.Id, "Foreign");
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<BeginPasskeyStepUpHandler>().HandleAsync(account.Id);

        using var options = JsonDocument.Parse(result.Value!);
        options.RootElement.GetProperty("userVerification").GetString().ShouldBe("required");
        options.RootElement.GetProperty("allowCredentials").EnumerateArray().Select(c => c.GetProperty("id").GetString())
            .ShouldBe([System.Buffers.Text.Base64Url.EncodeToString(own.CredentialId)]);
        var challenge = System.Buffers.Text.Base64Url.DecodeFromChars(options.RootElement.GetProperty("challenge").GetString());
        var ceremony = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().PasskeyCeremonies.AsNoTracking().SingleAsync(c => c.AccountId == account.Id);
        ceremony.Kind.ShouldBe(PasskeyCeremonies.StepUp);
        ceremony.ChallengeHash.ShouldBe(SHA256.HashData(challenge));
        ceremony.ExpiresAt.ShouldBe(ceremony.CreatedAt + TimeSpan.FromMinutes(5));
        ceremony.UsedAt.ShouldBeNull();
    }

    [Fact]
    public async Task BeginStepUp_NoPasskey_NotFound()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<BeginPasskeyStepUpHandler>().HandleAsync(account.Id);

        result.Failure!.Code.ShouldBe(ErrorCodes.NotFound);
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().PasskeyCeremonies.AnyAsync(c => c.AccountId == account.Id)).ShouldBeFalse();
    }

    [Fact]
    public async Task VerifyStepUp_NoAnswer_ValidationOnCredential_SessionUntouched()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        await using var scope = _host.CreateScope();

        var result = await scope.ServiceProvider.GetRequiredService<VerifyPasskeyStepUpHandler>()
            .HandleAsync(account.Id, Guid.NewGuid(), null, new AuditContext(account.Id, account.Email, "127.0.0.1", "test"));

        result.Failure!.Code.ShouldBe(ErrorCodes.Validation);
        result.Failure.Errors!.Keys.ShouldBe(["credential"]);
    }

    [Fact]
    public async Task Rename_Trimmed_Audited_ForeignNotFound()
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var other = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var own = await AddPasskeyAsync(account.Id, "Laptop");
        var foreign = await AddPasskeyAsync(other.Id, "Foreign");

        var renamed = await RenameAsync(account.Id, own.Id, "  Work laptop ");
        var refused = await RenameAsync(account.Id, foreign.Id, "Mine");

        renamed.Value!.Name.ShouldBe("Work laptop");
        refused.Failure!.Code.ShouldBe(ErrorCodes.NotFound);
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        (await db.Passkeys.AsNoTracking().SingleAsync(p => p.Id == foreign.Id)).Name.ShouldBe("Foreign");
        (await db.AuditEvents.AsNoTracking().SingleAsync(e => e.Type == AuditEventTypes.PasskeyRenamed && e.TargetId == account.Id)).Detail.ShouldBe("Laptop -> Work laptop");
    }

    [Theory]
    [InlineData(null, PasskeyNames.EmptyMessage)]
    [InlineData(" \t ", PasskeyNames.EmptyMessage)]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345", PasskeyNames.TooLongMessage)]
    public async Task Rename_BadName_ValidationOnName_Unchanged(string? name, string message)
    {
        var account = await _host.CreateAccountAsync(UniqueEmail.New(), Password);
        var own = await AddPasskeyAsync(account.Id, "Laptop");

        var result = await RenameAsync(account.Id, own.Id, name);

        result.Failure!.Code.ShouldBe(ErrorCodes.Validation);
        result.Failure.Errors!["name"].ShouldBe([message]);
        await using var scope = _host.CreateScope();
        (await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().Passkeys.AsNoTracking().SingleAsync(p => p.Id == own.Id)).Name.ShouldBe("Laptop");
    }

    public void Dispose() => _host.Dispose();

    private async Task<Result<PasskeyView>> RenameAsync(Guid accountId, Guid passkeyId, string? name)
    {
        await using var scope = _host.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<RenamePasskeyHandler>()
            .HandleAsync(accountId, passkeyId, name, new AuditContext(accountId, null, "127.0.0.1", "test"));
    }

    private async Task<Passkey> AddPasskeyAsync(Guid accountId, string name)
    {
        var passkey = new Passkey
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            CredentialId = RandomNumberGenerator.GetBytes(16),
            PublicKey = RandomNumberGenerator.GetBytes(77),
            UserHandle = accountId.ToByteArray(),
            Name = name,
            CreatedAt = _host.Clock.GetUtcNow(),
        };
        await using var scope = _host.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>();
        db.Passkeys.Add(passkey);
        await db.SaveChangesAsync();
        return passkey;
    }
}
