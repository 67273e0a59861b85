namespace Latchkey.Core.Passwords;

/// <summary>The outcome of a successful change: how many other sessions ended, and whether this one did.</summary>
public sealed record PasswordChanged(int SessionsEnded, bool CurrentSessionEnded);
