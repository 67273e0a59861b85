using Latchkey.Cli;
using Latchkey.Core.Passwords.Blocklist;
using Latchkey.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Passwords.Blocklist;

/// <summary><c>latchkey blocklist import</c> through the real command tree, in process, into a temporary data directory.</summary>
public sealed class BlocklistCliTests : IDisposable
{
    private readonly TestStore _store = TestStore.Create();
    private bool _migrated;

    private string FilterPath => Path.Combine(_store.DataDirectory, BlocklistOptions.DefaultFileName);

    [Fact]
    public async Task BlocklistImport_PlainList_PrintsCountAndBlocklistUsesIt()
    {
        var list = WriteList("plain.txt", "Cli-Imported-Lynx-1\nCli-Imported-Lynx-2\nCli-Imported-Lynx-1\n");

        var (exitCode, output, error) = await RunAsync(["blocklist", "import", list]);

        exitCode.ShouldBe(ExitCodes.Success, error);
        error.ShouldBeEmpty();
        output.Trim().ShouldBe($"Imported 2 entries (plain) into {FilterPath}.");
        using var host = new CoreTestHost(store: _store, migrate: false);
        var blocklist = host.Services.GetRequiredService<PasswordBlocklist>();
        blocklist.Contains("Cli-Imported-Lynx-2").ShouldBeTrue();
        blocklist.Contains("password").ShouldBeTrue();
    }

    [Fact]
    public async Task BlocklistImport_HibpFile_PrintsCountAndBlocklistUsesIt()
    {
        var list = WriteList("pwned.txt", BlocklistWorkspace.HibpLines("Cli-Pwned-Okapi-1", "Cli-Pwned-Okapi-2", "Cli-Pwned-Okapi-3"));

        var (exitCode, output, error) = await RunAsync(["blocklist", "import", list, "--format", "hibp"]);

        exitCode.ShouldBe(ExitCodes.Success, error);
        output.Trim().ShouldBe($"Imported 3 entries (hibp) into {FilterPath}.");
        using var host = new CoreTestHost(store: _store, migrate: false);
        host.Services.GetRequiredService<PasswordBlocklist>().Contains("cli-pwned-okapi-3").ShouldBeFalse();
        host.Services.GetRequiredService<PasswordBlocklist>().Contains("Cli-Pwned-Okapi-3").ShouldBeTrue();
    }

    [Theory]
    [InlineData("malformed.txt", "0123456789ABCDEF0123456789ABCDEF01234567:5\nnot-a-hash:5\n", "Line 2 is not a Have I Been Pwned line")]
    [InlineData("empty.txt", "", "has no entries")]
    public async Task BlocklistImport_BadList_ExitCode1OneLineAndNothingWritten(string name, string text, string expected)
    {
        var list = WriteList(name, text);

        var (exitCode, output, error) = await RunAsync(["blocklist", "import", list]);

        exitCode.ShouldBe(ExitCodes.Refused);
        output.ShouldBeEmpty();
        error.TrimEnd().Split('\n').ShouldHaveSingleItem().ShouldStartWith("validation: ");
        error.ShouldContain(expected);
        Directory.GetFiles(_store.DataDirectory, "*filter*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task BlocklistImport_MissingFile_ExitCode1()
    {
        var missing = Path.Combine(_store.DataDirectory, "missing.txt");

        var (exitCode, _, error) = await RunAsync(["blocklist", "import", missing]);

        exitCode.ShouldBe(ExitCodes.Refused);
        error.Trim().ShouldBe($"validation: No file {missing}.");
        File.Exists(FilterPath).ShouldBeFalse();
    }

    [Theory]
    [InlineData(new[] { "blocklist", "import" }, "FILE")]
    [InlineData(new[] { "blocklist", "import", "x.txt", "--format", "csv" }, "csv")]
    public async Task BlocklistImport_BadArguments_ExitCode2(string[] args, string mentioned)
    {
        var (exitCode, _, error) = await RunAsync(args);

        exitCode.ShouldBe(ExitCodes.Usage);
        error.ShouldStartWith("latchkey: ");
        error.ShouldContain(mentioned);
    }

    private string WriteList(string name, string text)
    {
        var path = Path.Combine(_store.DataDirectory, name);
        File.WriteAllText(path, text);
        return path;
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        if (!_migrated && args is not ["migrate", ..])
        {
            (await CliApp.RunAsync(["migrate"], TextReader.Null, TextWriter.Null, TextWriter.Null, _store.Settings)).ShouldBe(ExitCodes.Success);
            _migrated = true;
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new StringReader(""), output, error, _store.Settings);
        return (exitCode, output.ToString(), error.ToString());
    }

    public void Dispose() => _store.Dispose();
}
