namespace Latchkey.Api.TwoFactor;

/// <summary>A code from the authenticator app, or a recovery code (step-up, confirming a set-up).</summary>
public sealed record SecondFactorBody(string? Code, string? RecoveryCode);
