using Latchkey.Browser.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Latchkey.Browser.Tests.Localization;

/// <summary>The walk in the second, fourth … supported language (German, Russian), beside the other half.</summary>
[Trait("Provider", "sqlite")]
public sealed class AccessibilityTestsSecondHalf(Chromium chromium, ITestOutputHelper output) : AccessibilityWalk(chromium, output), IClassFixture<Chromium>
{
    public static TheoryData<string> Languages => [.. Core.Data.Languages.Supported.Where((_, index) => index % 2 == 1)];

    [Theory]
    [MemberData(nameof(Languages))]
    public Task EveryPage_NoAxeViolation_NoSidewaysScroll(string language) => WalkEveryPageAsync(language);
}
