namespace Latchkey.Api.TwoFactor;

/// <summary>Answer of starting a TOTP set-up: the key for typing and the <c>otpauth://</c> URI for a QR code.</summary>
public sealed record TotpSetupView(string Key, string Uri);
