namespace Latchkey.Cli;

/// <summary>The CLI's documented exit codes (docs/cli.md).</summary>
internal static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The request was understood and refused: <c>code: text</c> on standard error.</summary>
    public const int Refused = 1;

    /// <summary>Bad arguments: unknown verb or option, missing value.</summary>
    public const int Usage = 2;

    /// <summary>The machine lacks something (libsodium) or the store is unreachable.</summary>
    public const int Environment = 3;
}
