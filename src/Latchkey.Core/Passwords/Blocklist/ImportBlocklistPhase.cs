namespace Latchkey.Core.Passwords.Blocklist;

public enum ImportBlocklistPhase
{
    /// <summary>First pass: every line is checked and counted; nothing is written yet.</summary>
    Checking,

    /// <summary>Second pass: the filter is written to a temporary file, then renamed over the previous one.</summary>
    Writing,
}
