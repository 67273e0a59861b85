using Latchkey.Browser.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Latchkey.Browser.Tests.Localization;

/// <summary>The walk in the first, third … supported language (English, French).</summary>
[Trait("Provider", "sqlite")]
public sealed class AccessibilityTests(Chromium chromium, ITestOutputHelper output) : AccessibilityWalk(chromium, output), IClassFixture<Chromium>
{
    public static TheoryData<string> Languages => [.. Core.Data.Languages.Supported.Where((_, index) => index % 2 == 0)];

    [Theory]
    [MemberData(nameof(Languages))]
    public Task EveryPage_NoAxeViolation_NoSidewaysScroll(string language) => WalkEveryPageAsync(language);
}
