using Latchkey.Cli;
using Latchkey.Tests.Infrastructure;

namespace Latchkey.Tests.Cli;

/// <summary>Finding 8 of issue 14: <c>accounts import</c> refuses bad files whole, with the line, and exit code 1.</summary>
public sealed class AccountsImportEdgeTests : IDisposable
{
    private readonly TestStore _store = TestStore.Create();
    private bool _migrated;

    [Theory]
    [InlineData("email,email\na@imp.example,b@imp.example\n", "duplicate column 'email'")]
    [InlineData("email,role,Role\na@imp.example,User,User\n", "duplicate column 'role'")]
    [InlineData("email,mailbox\na@imp.example,true\nb@imp.example,maybe\n", "line 3: mailbox 'maybe'")]
    [InlineData("email,mailbox\na@imp.example,on\n", "line 2: mailbox 'on'")]
    [InlineData("email,password_hash\na@imp.example,$argon2id$v=19$m=1…$AAAA$BBBB\n", "line 2: password_hash")]
    [InlineData("email,password_hash\na@imp.example,\"$argon2id$v=19$m=1,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\"\n", "line 2: password_hash")]
    [InlineData("email,password_hash\na@imp.example,\"$argon2id$v=19$m=19456,t=0,p=1$AAAAAAAAAAAAAAAAAAAAAA$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\"\n", "line 2: password_hash")]
    [InlineData("email,password_hash\na@imp.example,\"$argon2id$v=19$m=19456,t=2,p=1$AA$BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB\"\n", "line 2: password_hash")]
    [InlineData("email,password_hash\na@imp.example,{SHA512-CRYPT}$6$salt$short\n", "line 2: password_hash")]
    [InlineData("email,password_hash\na@imp.example,plaintext-password\n", "line 2: password_hash")]
    public async Task Import_BadFile_Exit1LineNamedNothingWritten(string content, string mentioned)
    {
        var (exitCode, _, error) = await ImportAsync(System.Text.Encoding.UTF8.GetBytes(content));

        exitCode.ShouldBe(ExitCodes.Refused, error);
        error.ShouldStartWith("validation: ");
        error.ShouldContain(mentioned);
        (await RunAsync(["accounts", "list"])).Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_InvalidUtf8OnLine3_RefusedWithTheLine()
    {
        byte[] content = [.. "email\nok@imp.example\n"u8, 0xFF, 0xFE, .. "@imp.example\n"u8];

        var (exitCode, _, error) = await ImportAsync(content);

        exitCode.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("line 3");
        error.ShouldContain("UTF-8");
        (await RunAsync(["accounts", "list"])).Output.ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_WeakPasswordOnLine4_NothingImportedAndSaysSo()
    {
        var content = "email,password\na@imp.example,Import-Pass-9!\nb@imp.example,Import-Pass-9!\nc@imp.example,short\n";

        var (exitCode, _, error) = await ImportAsync(System.Text.Encoding.UTF8.GetBytes(content));

        exitCode.ShouldBe(ExitCodes.Refused);
        error.ShouldContain("line 4");
        error.ShouldContain("nothing was imported");
        error.ShouldNotContain("created before it");
        (await RunAsync(["accounts", "list"])).Output.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("yes", true)]
    [InlineData("NO", false)]
    [InlineData("1", true)]
    [InlineData("0", false)]
    [InlineData("", false)]
    public async Task Import_MailboxBoolean_Accepted(string value, bool mailbox)
    {
        var (exitCode, _, error) = await ImportAsync(System.Text.Encoding.UTF8.GetBytes($"email,mailbox\nm@imp.example,{value}\n"));

        exitCode.ShouldBe(0, error);
        (await RunAsync(["accounts", "list"])).Output.ShouldContain(mailbox ? "panel,mailbox" : "panel");
    }

    public void Dispose() => _store.Dispose();

    private async Task<(int ExitCode, string Output, string Error)> ImportAsync(byte[] content)
    {
        var file = Path.Combine(_store.DataDirectory, "import.csv");
        await File.WriteAllBytesAsync(file, content);
        return await RunAsync(["accounts", "import", file]);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] args)
    {
        // Verbs refuse a data directory without a store; the store is made once, as an operator would.
        if (!_migrated)
        {
            (await CliApp.RunAsync(["migrate"], TextReader.Null, TextWriter.Null, TextWriter.Null, _store.Settings)).ShouldBe(ExitCodes.Success);
            _migrated = true;
        }

        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliApp.RunAsync(args, new StringReader(""), output, error, _store.Settings);
        return (exitCode, output.ToString(), error.ToString());
    }
}
