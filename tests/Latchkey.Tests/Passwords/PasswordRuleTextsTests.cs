using System.Globalization;
using Latchkey.Core.Passwords;

namespace Latchkey.Tests.Passwords;

public sealed class PasswordRuleTextsTests
{
    [Theory]
    [InlineData("en", "At least 8 characters")]
    [InlineData("de", "Mindestens 8 Zeichen")]
    [InlineData("fr", "Au moins 8 caractères")]
    [InlineData("de-AT", "Mindestens 8 Zeichen")]
    [InlineData("ja", "At least 8 characters")]
    public void Describe_MinLength_InTheCultureOrEnglish(string culture, string expected) =>
        PasswordRuleTexts.Describe(PasswordRuleIds.MinLength, PasswordPolicy.Default, new CultureInfo(culture)).ShouldBe(expected);

    [Fact]
    public void EveryRule_TranslatedInEveryCulture()
    {
        foreach (var culture in PasswordRuleTexts.Cultures)
        {
            foreach (var rule in PasswordRuleIds.All)
            {
                var text = PasswordRuleTexts.Describe(rule, PasswordPolicy.Default, new CultureInfo(culture));
                text.ShouldNotBe(rule, $"{rule} in {culture}");
                if (culture != "en")
                {
                    text.ShouldNotBe(PasswordRuleTexts.Describe(rule, PasswordPolicy.Default, new CultureInfo("en")), $"{rule} in {culture}");
                }
            }
        }
    }
}
