using Latchkey.Tests.Infrastructure;

namespace Latchkey.Tests.Passwords;

/// <summary>The stored hash is what Dovecot 2.3 verifies as {ARGON2ID}, and Dovecot's hashes verify here (real doveadm).</summary>
public sealed class DovecotHashCompatibilityTests
{
    [Fact]
    public async Task LatchkeyHash_VerifiedByDoveadm()
    {
        var hash = Hashers.Argon2id(1024, 1).Hash("Secret-1!");

        var (exitCode, output, _) = await ProcessRunner.RunAsync("doveadm", ["pw", "-t", "{ARGON2ID}" + hash, "-p", "Secret-1!"]);

        exitCode.ShouldBe(0);
        output.ShouldContain("(verified)");
    }

    [Fact]
    public async Task LatchkeyHash_WrongPassword_RefusedByDoveadm()
    {
        var hash = Hashers.Argon2id(1024, 1).Hash("Secret-1!");

        var (exitCode, _, _) = await ProcessRunner.RunAsync("doveadm", ["pw", "-t", "{ARGON2ID}" + hash, "-p", "Secret-2!"]);

        exitCode.ShouldNotBe(0);
    }

    [Fact]
    public async Task DoveadmHash_VerifiedByLatchkey()
    {
        var (exitCode, output, _) = await ProcessRunner.RunAsync("doveadm", ["pw", "-s", "ARGON2ID", "-p", "Secret-1!"]);
        exitCode.ShouldBe(0);
        var phc = output.Trim().Replace("{ARGON2ID}", "", StringComparison.Ordinal);

        var hasher = Hashers.Argon2id(1024, 1);

        hasher.Verify(phc, "Secret-1!").ShouldBeTrue();
        hasher.Verify(phc, "Secret-2!").ShouldBeFalse();
        hasher.NeedsRehash(phc).ShouldBeTrue();
    }

    [Theory]
    [InlineData("SHA512-CRYPT")]
    [InlineData("BLF-CRYPT")]
    public async Task DoveadmCryptHash_VerifiedAndMarkedForUpgrade(string scheme)
    {
        var (exitCode, output, _) = await ProcessRunner.RunAsync("doveadm", ["pw", "-s", scheme, "-p", "Imported-Pass-1"]);
        exitCode.ShouldBe(0);
        var hash = output.Trim();
        hash.ShouldStartWith("{" + scheme + "}");
        var hasher = new Core.Passwords.LatchkeyPasswordHasher(Hashers.Argon2id(1024, 1), Hashers.Gate());
        var account = new Core.Data.Account();

        hasher.VerifyHashedPassword(account, hash, "Imported-Pass-1").ShouldBe(Microsoft.AspNetCore.Identity.PasswordVerificationResult.SuccessRehashNeeded);
        hasher.VerifyHashedPassword(account, hash, "Imported-Pass-2").ShouldBe(Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed);
        hasher.VerifyHashedPassword(account, hash[(scheme.Length + 2)..], "Imported-Pass-1").ShouldBe(Microsoft.AspNetCore.Identity.PasswordVerificationResult.SuccessRehashNeeded);
    }
}
