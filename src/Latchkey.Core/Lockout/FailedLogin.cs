namespace Latchkey.Core.Lockout;

/// <summary>
/// A failed login to count: the account it names (null when none, or when it has no access by that way), the login
/// as given, where it came from, and the 12-bit <c>pwhash</c> of the password tried.
/// </summary>
public sealed record FailedLogin(Guid? AccountId, string Login, string Ip, string Protocol, string PwHash);
