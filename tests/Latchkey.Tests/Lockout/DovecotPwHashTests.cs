using Latchkey.Core.Lockout;

namespace Latchkey.Tests.Lockout;

public sealed class DovecotPwHashTests
{
    [Theory]
    [InlineData("Secret-1", "006c")]
    [InlineData("wrong", "02ca")]
    public void Compute_ValuesDovecotSent_Match(string password, string expected)
    {
        // research/dovecot.md 3.3: what Dovecot 2.3.19 sent with nonce test-nonce-123, sha256, 12 bits.
        DovecotPwHash.Compute("test-nonce-123", "alice@example.test", password).ShouldBe(expected);
    }

    [Fact]
    public void Compute_Always_FourHexDigitsFirstZero()
    {
        for (var i = 0; i < 200; i++)
        {
            DovecotPwHash.Compute("n", "user@example.com", $"p{i}").ShouldMatch("^0[0-9a-f]{3}$");
        }
    }
}
