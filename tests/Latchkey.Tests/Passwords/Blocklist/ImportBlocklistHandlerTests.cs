using System.Text;
using Latchkey.Core.Common;
using Latchkey.Core.Passwords.Blocklist;

namespace Latchkey.Tests.Passwords.Blocklist;

public sealed class ImportBlocklistHandlerTests : IDisposable
{
    private readonly BlocklistWorkspace _workspace = new();

    [Fact]
    public async Task HandleAsync_PlainListWithBomCrLfBlankLinesAndDuplicates_CountsDistinctEntries()
    {
        var list = _workspace.WriteFile("list.txt", "\uFEFFalpha-one\r\nbeta-two\r\n\r\nalpha-one\ngamma-three");

        var result = await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(list));

        result.Succeeded.ShouldBeTrue(result.Failure?.Message);
        result.Value.Format.ShouldBe(BlocklistFileFormat.Plain);
        result.Value.Entries.ShouldBe(3);
        result.Value.Lines.ShouldBe(5);
        result.Value.FilterPath.ShouldBe(_workspace.FilterPath);
        using var blocklist = _workspace.CreateBlocklist();
        blocklist.Contains("alpha-one").ShouldBeTrue();
        blocklist.Contains("gamma-three").ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_HibpLinesWithAutoFormat_DetectedAsHibp()
    {
        var list = _workspace.WriteFile("pwned.txt", BlocklistWorkspace.HibpLines("auto-detected-1", "auto-detected-2", "auto-detected-3"));

        var result = await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(list));

        result.Succeeded.ShouldBeTrue(result.Failure?.Message);
        result.Value.Format.ShouldBe(BlocklistFileFormat.Hibp);
        result.Value.Entries.ShouldBe(3);
    }

    [Fact]
    public async Task HandleAsync_HibpLinesInNoOrderAndLowerCase_AllFound()
    {
        string[] passwords = ["unordered-1", "unordered-2", "unordered-3", "unordered-4"];
        var lines = passwords
            .Select(p => $"{BlocklistWorkspace.HibpHash(p).ToLowerInvariant()}:7\n")
            .OrderByDescending(l => l, StringComparer.Ordinal);
        var list = _workspace.WriteFile("pwned.txt", string.Concat(lines));

        var result = await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(list, BlocklistFileFormat.Hibp));

        result.Succeeded.ShouldBeTrue(result.Failure?.Message);
        using var blocklist = _workspace.CreateBlocklist();
        blocklist.Contains("unordered-1").ShouldBeTrue();
        blocklist.Contains("unordered-4").ShouldBeTrue();
    }

    [Fact]
    public async Task HandleAsync_PlainListWithLinesThatAreNotUtf8_SkipsAndCountsThem()
    {
        var bytes = Encoding.UTF8.GetBytes("valid-one\n").Concat(new byte[] { 0x70, 0xE9, 0x0A }).Concat(Encoding.UTF8.GetBytes("välid-two\n")).ToArray();
        var list = _workspace.WriteFile("latin1.txt", bytes);

        var result = await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(list, BlocklistFileFormat.Plain));

        result.Succeeded.ShouldBeTrue(result.Failure?.Message);
        result.Value.Entries.ShouldBe(2);
        result.Value.SkippedLines.ShouldBe(1);
        using var blocklist = _workspace.CreateBlocklist();
        blocklist.Contains("välid-two").ShouldBeTrue();
    }

    public static TheoryData<string, string, string> MalformedLists => new()
    {
        { "malformed-hibp.txt", BlocklistWorkspace.HibpLines("first-ok") + "not a hash line\n", "Line 2 is not a Have I Been Pwned line" },
        { "short-hash.txt", BlocklistWorkspace.HibpLines("first-ok") + "ABCDEF:12\n", "Line 2 is not a Have I Been Pwned line" },
        { "no-count.txt", BlocklistWorkspace.HibpLines("first-ok") + BlocklistWorkspace.HibpHash("x") + ":\n", "Line 2 is not a Have I Been Pwned line" },
        { "bad-hex.txt", BlocklistWorkspace.HibpLines("first-ok") + new string('G', 40) + ":3\n", "Line 2 is not a Have I Been Pwned line" },
        { "huge-line.txt", "ok\n" + new string('x', 5000) + "\nok2\n", "Line 2 is longer than 1024 bytes" },
        { "huge-last-line.txt", "ok\n" + new string('x', 2_000_000), "Line 2 is longer than 1024 bytes" },
        { "empty.txt", "", "has no entries" },
        { "blank.txt", "\n\r\n\n", "has no entries" },
    };

    [Theory]
    [MemberData(nameof(MalformedLists))]
    public async Task HandleAsync_MalformedList_RefusedAndPreviousFilterKept(string name, string text, string expected)
    {
        var good = _workspace.WriteFile("good.txt", "kept-entry\n");
        (await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(good))).Succeeded.ShouldBeTrue();
        var before = File.ReadAllBytes(_workspace.FilterPath);
        var list = _workspace.WriteFile(name, text);

        var result = await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(list));

        result.Succeeded.ShouldBeFalse();
        result.Failure.Code.ShouldBe(ErrorCodes.Validation);
        result.Failure.Message.ShouldContain(expected);
        File.ReadAllBytes(_workspace.FilterPath).ShouldBe(before);
        _workspace.FilterFiles().ShouldBe([BlocklistOptions.DefaultFileName]);
    }

    [Fact]
    public async Task HandleAsync_HibpFormatForcedOnPlainList_RefusedWithoutEchoingTheLine()
    {
        var list = _workspace.WriteFile("plain.txt", "Secret-Looking-Line-1\n");

        var result = await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(list, BlocklistFileFormat.Hibp));

        result.Succeeded.ShouldBeFalse();
        result.Failure.Message.ShouldContain("Line 1 is not a Have I Been Pwned line");
        result.Failure.Message.ShouldNotContain("Secret-Looking-Line-1");
        _workspace.FilterFiles().ShouldBeEmpty();
    }

    [Fact]
    public async Task HandleAsync_MissingFile_Refused()
    {
        var missing = Path.Combine(_workspace.DataDirectory, "nope.txt");

        var result = await _workspace.CreateImporter().HandleAsync(new ImportBlocklistCommand(missing));

        result.Succeeded.ShouldBeFalse();
        result.Failure.Message.ShouldBe($"No file {missing}.");
        _workspace.FilterFiles().ShouldBeEmpty();
    }

    public void Dispose() => _workspace.Dispose();
}
