using Latchkey.Core.Passwords;

namespace Latchkey.Tests.Passwords;

/// <summary>Each static rule at its boundary: one character short refused, exactly enough accepted.</summary>
public sealed class PasswordPolicyTests
{
    private const string Email = "jane.doe@example.com";
    private static readonly PasswordPolicy _default = PasswordPolicy.Default;

    [Theory]
    [InlineData("Aa1!aaa", true)]
    [InlineData("Aa1!aaaa", false)]
    public void MinLength_AtBoundary(string password, bool refused) =>
        _default.FailedStaticRules(password, Email).Contains(PasswordRuleIds.MinLength).ShouldBe(refused);

    [Fact]
    public void MaxLength_128Accepted129Refused()
    {
        var ok = "Aa1!" + new string('x', 124);
        var tooLong = ok + "x";

        _default.FailedStaticRules(ok, Email).ShouldBeEmpty();
        _default.FailedStaticRules(tooLong, Email).ShouldBe([PasswordRuleIds.MaxLength]);
    }

    [Fact]
    public void Lengths_CountUserPerceivedCharacters()
    {
        var family = "👨‍👩‍👧"; // one grapheme, eight UTF-16 code units
        var eight = "Aa1!" + string.Concat(Enumerable.Repeat(family, 4));
        var seven = "Aa1!" + string.Concat(Enumerable.Repeat(family, 3));

        _default.FailedStaticRules(eight, Email).ShouldBeEmpty();
        _default.FailedStaticRules(seven, Email).ShouldBe([PasswordRuleIds.MinLength]);
    }

    [Theory]
    [InlineData("aa1!aaaa", PasswordRuleIds.RequireUpper)]
    [InlineData("AA1!AAAA", PasswordRuleIds.RequireLower)]
    [InlineData("Aaa!aaaa", PasswordRuleIds.RequireDigit)]
    [InlineData("Aa1aaaaa", PasswordRuleIds.RequireSpecial)]
    [InlineData("Aa1 aaaa", PasswordRuleIds.RequireSpecial)]
    public void CharacterClasses_MissingClassRefusedAlone(string password, string rule) =>
        _default.FailedStaticRules(password, Email).ShouldBe([rule]);

    [Theory]
    [InlineData("Ünïcödé-Pässwörd-1")]
    [InlineData("Пароль-Надёжный-2")]
    [InlineData("密码Aa1!密码很长")]
    public void AnyUnicode_AcceptedWhenRulesMet(string password) =>
        _default.FailedStaticRules(password, Email).ShouldBeEmpty();

    [Theory]
    [InlineData("My-JANE.DOE-42")]
    [InlineData("x1!Jane.Doe@Example.com")]
    public void NotUsername_LocalPartOrAddressInAnyCase_Refused(string password) =>
        _default.FailedStaticRules(password, Email).ShouldContain(PasswordRuleIds.NotUsername);

    [Fact]
    public void NotUsername_ShortLocalPartIgnored()
    {
        _default.FailedStaticRules("Jo-Strong-42!", "jo@example.com").ShouldNotContain(PasswordRuleIds.NotUsername);
    }

    [Fact]
    public void NistPreset_Length15NoComposition()
    {
        var nist = PasswordPolicy.Nist80063B;

        nist.FailedStaticRules("correcthorsebat", Email).ShouldBeEmpty();
        nist.FailedStaticRules("correcthorseba", Email).ShouldBe([PasswordRuleIds.MinLength]);
        nist.EnforcedRules().ShouldBe([PasswordRuleIds.MinLength, PasswordRuleIds.MaxLength, PasswordRuleIds.NotUsername, PasswordRuleIds.History, PasswordRuleIds.Blocklist]);
    }

    [Fact]
    public void Problems_MinAboveMaxOrHistoryTooDeep_Reported()
    {
        (_default with { MinLength = 20, MaxLength = 10 }).Problems().ShouldNotBeEmpty();
        (_default with { History = PasswordPolicy.MaxHistory + 1 }).Problems().ShouldNotBeEmpty();
        _default.Problems().ShouldBeEmpty();
    }

    [Fact]
    public void Options_PresetWithOverride_Resolved()
    {
        var options = new PasswordPolicyOptions { Preset = PasswordPolicy.NistPresetName, MinLength = 20 };

        options.Resolve().ShouldBe(PasswordPolicy.Nist80063B with { MinLength = 20 });
    }

    [Fact]
    public void Generator_AnyValidPolicy_MeetsIt()
    {
        var policies = new[]
        {
            PasswordPolicy.Default,
            PasswordPolicy.Nist80063B,
            PasswordPolicy.Default with { MinLength = 40, MaxLength = 40 },
            PasswordPolicy.Default with { MinLength = 8, MaxLength = 8 },
            PasswordPolicy.Default with { RequireSpecial = false, RequireDigit = false },
        };

        foreach (var policy in policies)
        {
            for (var i = 0; i < 200; i++)
            {
                var password = PasswordGenerator.Generate(policy, "abc@example.com");
                policy.FailedStaticRules(password, "abc@example.com").ShouldBeEmpty(password);
            }
        }
    }
}
