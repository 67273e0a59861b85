namespace Latchkey.Core.SignIn;

/// <summary>
/// A sign-in attempt with where it comes from (for the session list and the audit log) and the browser's device
/// cookie, if it sent one (<see cref="Lockout.TrustedDevices"/>).
/// </summary>
public sealed record SignInRequest(string Email, string Password, string Ip, string UserAgent, string? DeviceCookie = null);
