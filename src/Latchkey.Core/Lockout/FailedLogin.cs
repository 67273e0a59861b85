namespace Latchkey.Core.Lockout;

/// <summary>
/// A failed login to count: the account it names (null when none, or when it has no access by that way), the login
/// as given, where it came from, and the 12-bit <c>pwhash</c> of the password tried. <see cref="TrustedSource"/> is
/// empty for an unknown source; for a known one (a browser's device id, <see cref="KnownMailSources.Marker"/> for a
/// known mail client address) the failure counts toward that source's own limit, never toward the account's lock.
/// </summary>
public sealed record FailedLogin(Guid? AccountId, string Login, string Ip, string Protocol, string PwHash, string TrustedSource = "");
