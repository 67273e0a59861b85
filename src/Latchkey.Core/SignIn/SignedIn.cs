using Latchkey.Core.Data;

namespace Latchkey.Core.SignIn;

/// <summary>
/// A new session: <see cref="Token"/> goes into the session cookie and is never stored or logged;
/// <see cref="DeviceCookie"/>, when set, is the browser's renewed device cookie (<see cref="Lockout.TrustedDevices"/>).
/// </summary>
public sealed record SignedIn(Account Account, Session Session, string Token, string? DeviceCookie = null);
