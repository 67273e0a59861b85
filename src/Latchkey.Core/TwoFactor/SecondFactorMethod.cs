namespace Latchkey.Core.TwoFactor;

/// <summary>The names of the second factors, as the API lists them (<c>methods</c>) and the audit log records them.</summary>
public static class SecondFactorMethod
{
    public const string Totp = "totp";
    public const string RecoveryCode = "recovery_code";
    public const string Passkey = "passkey";
}
