using Latchkey.Core.Passwords;
using Latchkey.Core.Passwords.Blocklist;

namespace Latchkey.Tests.Passwords.Blocklist;

public sealed class PasswordBlocklistTests : IDisposable
{
    private readonly BlocklistWorkspace _workspace = new();

    [Theory]
    [InlineData("password")]
    [InlineData("123456")]
    [InlineData("qwerty")]
    [InlineData("12345678")]
    [InlineData("letmein")]
    [InlineData("iloveyou")]
    [InlineData("abc123")]
    [InlineData("football")]
    [InlineData("trustno1")]
    [InlineData("P@ssw0rd")]
    public void Contains_WellKnownCommonPassword_True(string password)
    {
        using var blocklist = _workspace.CreateBlocklist();

        var contained = blocklist.Contains(password);

        contained.ShouldBeTrue();
    }

    [Theory]
    [InlineData("zMpIMejE")]
    [InlineData("Tojiik85521133")]
    [InlineData("yflz13041976")]
    public void Contains_RareEntryOfTheTop100000_True(string password)
    {
        using var blocklist = _workspace.CreateBlocklist();

        var contained = blocklist.Contains(password);

        contained.ShouldBeTrue();
    }

    [Fact]
    public void Contains_RandomStrongPassword_False()
    {
        using var blocklist = _workspace.CreateBlocklist();

        var fixedOne = blocklist.Contains("vT9#qLm2$Xw8!pZr-Kd4");
        var generated = blocklist.Contains(PasswordGenerator.Generate());

        fixedOne.ShouldBeFalse();
        generated.ShouldBeFalse();
    }

    [Theory]
    [InlineData("PASSWORD")]
    [InlineData("QwErTy")]
    [InlineData("LetMeIn")]
    [InlineData("ｐａｓｓｗｏｒｄ")]
    [InlineData("ＰＡＳＳＷＯＲＤ")]
    public void Contains_CaseOrWidthVariantOfCommonPassword_True(string password)
    {
        using var blocklist = _workspace.CreateBlocklist();

        var contained = blocklist.Contains(password);

        contained.ShouldBeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("\ud800abc")]
    [InlineData("\udfff")]
    public void Contains_EmptyOrInvalidUtf16_FalseWithoutThrowing(string password)
    {
        using var blocklist = _workspace.CreateBlocklist();

        var contained = blocklist.Contains(password);

        contained.ShouldBeFalse();
    }

    [Fact]
    public void ShippedCount_ShippedList_AtLeast100000()
    {
        using var blocklist = _workspace.CreateBlocklist();

        var count = blocklist.ShippedCount;

        count.ShouldBeGreaterThanOrEqualTo(100_000);
    }

    [Fact]
    public async Task Contains_AfterPlainImport_ImportedAndShippedBothUsed()
    {
        var list = _workspace.WriteFile("company.txt", "Latchkey-Corp-2026\nHunter-Orchard-77\n");
        (await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(list))).Succeeded.ShouldBeTrue();
        using var blocklist = _workspace.CreateBlocklist();

        var imported = blocklist.Contains("Latchkey-Corp-2026");
        var lowerCased = blocklist.Contains("HUNTER-ORCHARD-77");
        var shipped = blocklist.Contains("password");

        imported.ShouldBeTrue();
        lowerCased.ShouldBeFalse(); // the list has "Hunter-Orchard-77": its lower case is not on it
        shipped.ShouldBeTrue();
        blocklist.ImportedCount.ShouldBe(2);
    }

    [Fact]
    public async Task Contains_AfterHibpImport_HashedEntriesFoundAsGivenAndInLowerCase()
    {
        var list = _workspace.WriteFile("pwned.txt", BlocklistWorkspace.HibpLines("Breached-Zebra-41", "lower-only-otter-9"));
        (await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(list, BlocklistFileFormat.Hibp))).Succeeded.ShouldBeTrue();
        using var blocklist = _workspace.CreateBlocklist();

        var asGiven = blocklist.Contains("Breached-Zebra-41");
        var upperOfLowerEntry = blocklist.Contains("LOWER-ONLY-OTTER-9");
        var other = blocklist.Contains("Breached-Zebra-42");

        asGiven.ShouldBeTrue();
        upperOfLowerEntry.ShouldBeTrue();
        other.ShouldBeFalse();
    }

    [Fact]
    public async Task Contains_ImportWhileRunning_UsedAfterReloadInterval()
    {
        using var blocklist = _workspace.CreateBlocklist();
        blocklist.Contains("Fresh-Import-Kiwi-3").ShouldBeFalse();
        var list = _workspace.WriteFile("new.txt", "Fresh-Import-Kiwi-3\n");
        (await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(list))).Succeeded.ShouldBeTrue();

        var beforeInterval = blocklist.Contains("Fresh-Import-Kiwi-3");
        _workspace.Clock.Advance(BlocklistWorkspace.ReloadInterval);
        var afterInterval = blocklist.Contains("Fresh-Import-Kiwi-3");

        beforeInterval.ShouldBeFalse();
        afterInterval.ShouldBeTrue();
    }

    [Fact]
    public async Task Contains_ImportedFilterReplacedThenRemoved_FollowsTheFile()
    {
        var first = _workspace.WriteFile("first.txt", "First-List-Walrus\n");
        var second = _workspace.WriteFile("second.txt", "Second-List-Heron\n");
        var importer = _workspace.CreateImporter();
        (await importer.HandleAsync(new ImportBlocklistCommand(first))).Succeeded.ShouldBeTrue();
        using var blocklist = _workspace.CreateBlocklist();
        blocklist.Contains("First-List-Walrus").ShouldBeTrue();

        (await importer.HandleAsync(new ImportBlocklistCommand(second))).Succeeded.ShouldBeTrue();
        _workspace.Clock.Advance(BlocklistWorkspace.ReloadInterval);
        var replacedOld = blocklist.Contains("First-List-Walrus");
        var replacedNew = blocklist.Contains("Second-List-Heron");
        File.Delete(_workspace.FilterPath);
        _workspace.Clock.Advance(BlocklistWorkspace.ReloadInterval);
        var removed = blocklist.Contains("Second-List-Heron");

        replacedOld.ShouldBeFalse();
        replacedNew.ShouldBeTrue();
        removed.ShouldBeFalse();
        blocklist.Contains("password").ShouldBeTrue();
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { (byte)'L', (byte)'K', (byte)'B', (byte)'F', 1, 0, 0, 0 })]
    [InlineData(new byte[] { (byte)'n', (byte)'o', (byte)'t', (byte)' ', (byte)'a', (byte)' ', (byte)'f', (byte)'i', (byte)'l', (byte)'t', (byte)'e', (byte)'r' })]
    public void Contains_DamagedImportedFilter_ShippedListStillChecked(byte[] damaged)
    {
        _workspace.WriteFile(BlocklistOptions.DefaultFileName, damaged);
        using var blocklist = _workspace.CreateBlocklist();

        var shipped = blocklist.Contains("qwerty");
        var other = blocklist.Contains("vT9#qLm2$Xw8!pZr-Kd4");

        shipped.ShouldBeTrue();
        other.ShouldBeFalse();
        blocklist.ImportedCount.ShouldBe(0);
    }

    public void Dispose() => _workspace.Dispose();
}
