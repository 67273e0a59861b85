using Latchkey.Core.TwoFactor;

namespace Latchkey.Api.TwoFactor;

/// <summary><c>{"enabled","methods","totp","recoveryCodesLeft","passkeys":[{"id","name","createdAt","lastUsedAt"}]}</c>: never a secret.</summary>
public sealed record TwoFactorView(bool Enabled, IReadOnlyList<string> Methods, bool Totp, int RecoveryCodesLeft, IReadOnlyList<PasskeyView> Passkeys)
{
    public static TwoFactorView From(TwoFactorStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return new TwoFactorView(status.Enabled, status.Methods, status.Totp, status.RecoveryCodesLeft, status.Passkeys);
    }
}
