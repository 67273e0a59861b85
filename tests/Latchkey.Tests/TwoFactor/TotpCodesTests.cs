using System.Text;
using Latchkey.Core.TwoFactor;
using OtpNet;

namespace Latchkey.Tests.TwoFactor;

public sealed class TotpCodesTests
{
    private static readonly byte[] _sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] _sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] _sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    // RFC 6238 appendix B: every test vector, 8 digits.
    [Theory]
    [InlineData(59L, "94287082", "46119246", "90693936")]
    [InlineData(1111111109L, "07081804", "68084774", "25091201")]
    [InlineData(1111111111L, "14050471", "67062674", "99943326")]
    [InlineData(1234567890L, "89005924", "91819424", "93441116")]
    [InlineData(2000000000L, "69279037", "90698825", "38618901")]
    [InlineData(20000000000L, "65353130", "77737706", "47863826")]
    public void Compute_Rfc6238Vectors_Match(long unixSeconds, string sha1, string sha256, string sha512)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        TotpCodes.Compute(_sha1Seed, at, OtpHashMode.Sha1, 8).ShouldBe(sha1);
        TotpCodes.Compute(_sha256Seed, at, OtpHashMode.Sha256, 8).ShouldBe(sha256);
        TotpCodes.Compute(_sha512Seed, at, OtpHashMode.Sha512, 8).ShouldBe(sha512);
    }

    [Fact]
    public void Compute_SixDigitSha1_IsTheLastSixDigitsOfTheVector()
    {
        TotpCodes.Compute(_sha1Seed, DateTimeOffset.FromUnixTimeSeconds(59)).ShouldBe("287082");
    }

    [Theory]
    [InlineData(-30, true)]
    [InlineData(0, true)]
    [InlineData(30, true)]
    [InlineData(-60, false)]
    [InlineData(60, false)]
    public void Match_OneStepOfSkewEitherSide_AcceptedTwoRefused(int offsetSeconds, bool accepted)
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        var code = TotpCodes.Compute(_sha1Seed, now.AddSeconds(offsetSeconds));

        (TotpCodes.Match(_sha1Seed, code, now, 0) is not null).ShouldBe(accepted);
    }

    [Fact]
    public void Match_StepAlreadyUsed_Refused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_015);
        var code = TotpCodes.Compute(_sha1Seed, now);
        var step = TotpCodes.Match(_sha1Seed, code, now, 0)!.Value;

        TotpCodes.Match(_sha1Seed, code, now, step).ShouldBeNull();
        TotpCodes.Match(_sha1Seed, TotpCodes.Compute(_sha1Seed, now.AddSeconds(30)), now, step).ShouldBe(step + 1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("12345")]
    [InlineData("1234567")]
    [InlineData("12a456")]
    public void Match_NotSixDigits_Refused(string? code)
    {
        TotpCodes.Match(_sha1Seed, code, DateTimeOffset.FromUnixTimeSeconds(59), 0).ShouldBeNull();
    }

    [Fact]
    public void Match_SpacesInCode_Ignored()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(59);
        var code = TotpCodes.Compute(_sha1Seed, now);

        TotpCodes.Match(_sha1Seed, code[..3] + " " + code[3..], now, 0).ShouldNotBeNull();
    }

    [Fact]
    public void KeyUriAndGroupedKey_CarryTheBase32Secret()
    {
        var secret = TotpCodes.NewSecret();
        var base32 = Base32Encoding.ToString(secret).TrimEnd('=');

        TotpCodes.GroupedKey(secret).Replace(" ", "", StringComparison.Ordinal).ShouldBe(base32);
        TotpCodes.GroupedKey(secret).Split(' ').ShouldAllBe(g => g.Length <= 4);
        TotpCodes.KeyUri("Latchkey", "ann@example.com", secret)
            .ShouldBe($"otpauth://totp/Latchkey:ann%40example.com?secret={base32}&issuer=Latchkey&algorithm=SHA1&digits=6&period=30");
    }

    [Fact]
    public void RecoveryCodes_TenDistinctHashedPerAccount()
    {
        var codes = RecoveryCodes.Generate();
        var account = Guid.NewGuid();

        codes.Count.ShouldBe(10);
        codes.Distinct().Count().ShouldBe(10);
        codes.ShouldAllBe(c => System.Text.RegularExpressions.Regex.IsMatch(c, "^[a-hjkmnp-z02-9]{6}(-[a-hjkmnp-z02-9]{6}){3}$"));
        RecoveryCodes.Hash(account, codes[0]).ShouldBe(RecoveryCodes.Hash(account, " " + codes[0].ToUpperInvariant().Replace("-", "", StringComparison.Ordinal)));
        RecoveryCodes.Hash(account, codes[0]).ShouldNotBe(RecoveryCodes.Hash(Guid.NewGuid(), codes[0]));
        RecoveryCodes.Hash(account, codes[0]).ShouldNotContain(codes[0].Replace("-", "", StringComparison.Ordinal));
    }
}
