using Latchkey.Core.Passwords;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Tests.Passwords;

public sealed class Argon2idHasherTests
{
    [Fact]
    public void Hash_DefaultOptions_IsPhcStringWithOwaspParameters()
    {
        var hasher = Hashers.Argon2id(new PasswordHashingOptions().MemoryKiB, new PasswordHashingOptions().Iterations);

        var hash = hasher.Hash("Correct-Horse-9");

        hash.ShouldStartWith("$argon2id$v=19$m=19456,t=2,p=1$");
        hash.Split('$').Length.ShouldBe(6);
    }

    [Fact]
    public void Verify_SamePassword_TrueAndOtherPasswordFalse()
    {
        var hasher = Hashers.Argon2id(1024, 1);
        var hash = hasher.Hash("Correct-Horse-9");

        hasher.Verify(hash, "Correct-Horse-9").ShouldBeTrue();
        hasher.Verify(hash, "Correct-Horse-8").ShouldBeFalse();
    }

    [Fact]
    public void Hash_SamePasswordTwice_DifferentSalts()
    {
        var hasher = Hashers.Argon2id(1024, 1);

        hasher.Hash("Correct-Horse-9").ShouldNotBe(hasher.Hash("Correct-Horse-9"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a hash")]
    [InlineData("$argon2id$v=19$m=1024,t=1,p=1$c2FsdA$")]
    [InlineData("$argon2i$v=19$m=1024,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA")]
    public void Verify_MalformedHash_FalseWithoutThrowing(string hash)
    {
        Hashers.Argon2id(1024, 1).Verify(hash, "anything").ShouldBeFalse();
    }

    [Fact]
    public void Verify_HashLongerThanLibsodiumBuffer_False()
    {
        Hashers.Argon2id(1024, 1).Verify("$argon2id$" + new string('a', 200), "anything").ShouldBeFalse();
    }

    [Fact]
    public void NeedsRehash_ParametersChanged_TrueAndSameParametersFalse()
    {
        var old = Hashers.Argon2id(1024, 1);
        var hash = old.Hash("Correct-Horse-9");

        old.NeedsRehash(hash).ShouldBeFalse();
        Hashers.Argon2id(1024, 2).NeedsRehash(hash).ShouldBeTrue();
        Hashers.Argon2id(2048, 1).NeedsRehash(hash).ShouldBeTrue();
    }

    [Fact]
    public void Verify_HashFromIndependentLibsodiumCaller_True()
    {
        // Made by research/dovecot.md's argon2id.py (Python ctypes → libsodium, t=1, m=1 MiB) for "Secret-1".
        var hash = ArgonVectors.PythonLibsodiumSecret1;

        Hashers.Argon2id(1024, 1).Verify(hash, "Secret-1").ShouldBeTrue();
    }

    [Fact]
    public void SodiumIsAvailable_MissingLibrary_FalseWithInstallHint()
    {
        Sodium.IsAvailable("libsodium-does-not-exist.so.99").ShouldBeFalse();
        Sodium.IsAvailable().ShouldBeTrue();
        Sodium.MissingMessage().ShouldContain("apt-get install -y libsodium23");
    }
}
