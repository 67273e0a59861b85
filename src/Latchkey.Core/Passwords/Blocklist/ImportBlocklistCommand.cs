namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>A list to build the imported blocklist filter from: a plain list of passwords or a Have I Been Pwned SHA-1 file.</summary>
public sealed record ImportBlocklistCommand(string SourcePath, BlocklistFileFormat Format = BlocklistFileFormat.Auto);
