namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>The formats <c>latchkey blocklist import</c> reads.</summary>
public enum BlocklistFileFormat
{
    /// <summary><see cref="Hibp"/> when the first non-empty line is a <c>HASH:COUNT</c> line, else <see cref="Plain"/>.</summary>
    Auto,

    /// <summary>One password a line, UTF-8; lines that are not valid UTF-8 are skipped and counted.</summary>
    Plain,

    /// <summary>Have I Been Pwned's SHA-1 download: <c>40 hex digits:count</c> a line, ideally ordered by hash.</summary>
    Hibp,
}
