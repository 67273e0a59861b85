using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;

namespace Latchkey.Tests.Passwords;

public sealed class LatchkeyPasswordHasherTests
{
    private static readonly Account _user = new() { Email = "jane@example.com" };

    [Fact]
    public void Verify_IdentityV3Hash_SuccessRehashNeeded()
    {
        var v3 = new PasswordHasher<Account>().HashPassword(_user, "Imported-Pass1");
        var hasher = new LatchkeyPasswordHasher(Hashers.Argon2id(1024, 1), Hashers.Gate());

        hasher.VerifyHashedPassword(_user, v3, "Imported-Pass1").ShouldBe(PasswordVerificationResult.SuccessRehashNeeded);
        hasher.VerifyHashedPassword(_user, v3, "Imported-Pass2").ShouldBe(PasswordVerificationResult.Failed);
    }

    [Fact]
    public void Verify_CurrentParameters_Success()
    {
        var hasher = new LatchkeyPasswordHasher(Hashers.Argon2id(1024, 1), Hashers.Gate());
        var hash = hasher.HashPassword(_user, "Correct-Horse-9");

        hasher.VerifyHashedPassword(_user, hash, "Correct-Horse-9").ShouldBe(PasswordVerificationResult.Success);
    }

    [Fact]
    public void Verify_OlderParameters_SuccessRehashNeeded()
    {
        var hash = new LatchkeyPasswordHasher(Hashers.Argon2id(1024, 1), Hashers.Gate()).HashPassword(_user, "Correct-Horse-9");

        new LatchkeyPasswordHasher(Hashers.Argon2id(1024, 2), Hashers.Gate()).VerifyHashedPassword(_user, hash, "Correct-Horse-9")
            .ShouldBe(PasswordVerificationResult.SuccessRehashNeeded);
    }

    [Fact]
    public void Verify_DovecotPrefixedHash_SuccessRehashNeeded()
    {
        var hasher = new LatchkeyPasswordHasher(Hashers.Argon2id(1024, 1), Hashers.Gate());
        var hash = hasher.HashPassword(_user, "Correct-Horse-9");

        hasher.VerifyHashedPassword(_user, "{ARGON2ID}" + hash, "Correct-Horse-9").ShouldBe(PasswordVerificationResult.SuccessRehashNeeded);
    }

    [Fact]
    public void Verify_CompatibilityFormOfPassword_MatchesAfterNfkc()
    {
        var hasher = new LatchkeyPasswordHasher(Hashers.Argon2id(1024, 1), Hashers.Gate());
        var hash = hasher.HashPassword(_user, "Ofﬁce-2026!"); // U+FB01 LATIN SMALL LIGATURE FI

        hasher.VerifyHashedPassword(_user, hash, "Office-2026!").ShouldBe(PasswordVerificationResult.Success);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{SHA512-CRYPT}$6$unknownformat")]
    [InlineData("AQAAAA==")]
    public void Verify_UnknownFormat_Failed(string hash)
    {
        new LatchkeyPasswordHasher(Hashers.Argon2id(1024, 1), Hashers.Gate()).VerifyHashedPassword(_user, hash, "x").ShouldBe(PasswordVerificationResult.Failed);
    }
}
