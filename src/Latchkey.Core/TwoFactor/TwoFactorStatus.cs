namespace Latchkey.Core.TwoFactor;

/// <summary>Which second factors an account has (never a secret): the Security page, the admin view and the API show it.</summary>
public sealed record TwoFactorStatus(bool Enabled, bool Totp, bool TotpPending, int RecoveryCodesLeft, IReadOnlyList<PasskeyView> Passkeys)
{
    public IReadOnlyList<string> Methods =>
        [.. new[] { Totp ? SecondFactorMethod.Totp : null, Passkeys.Count > 0 ? SecondFactorMethod.Passkey : null, RecoveryCodesLeft > 0 ? SecondFactorMethod.RecoveryCode : null }
            .OfType<string>()];
}
