namespace Latchkey.Core.Passwords.Blocklist;

/// <summary>A list given to import is not in the format it was read as; the message names the line and is fit for people.</summary>
internal sealed class BlocklistFormatException(string message) : Exception(message);
