namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>How far an import is: it reads the list twice, once to check and count it, once to write the filter.</summary>
public readonly record struct ImportBlocklistProgress(ImportBlocklistPhase Phase, long BytesDone, long BytesTotal);
