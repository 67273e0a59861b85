namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>
/// The outcome of an import: the filter written, the format the list was read as, the distinct entries in the filter, the
/// lines read, and the lines skipped (plain lists: not valid UTF-8).
/// </summary>
public sealed record ImportedBlocklist(string FilterPath, BlocklistFileFormat Format, long Entries, long Lines, long SkippedLines);
