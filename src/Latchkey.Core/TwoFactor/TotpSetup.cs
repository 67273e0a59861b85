namespace Latchkey.Core.TwoFactor;

/// <summary>A set-up in progress: the key grouped for typing and the <c>otpauth://</c> URI for the QR code. Never logged.</summary>
public sealed record TotpSetup(string GroupedKey, string KeyUri);
