using Microsoft.AspNetCore.DataProtection;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Protects TOTP secrets at rest with the Data Protection key ring that lives in the store (authenticated
/// encryption, keys rotated by the framework): a copy of the <c>totp_authenticators</c> table alone yields no secret.
/// </summary>
public sealed class TotpSecrets(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Latchkey.TwoFactor.Totp.v1");

    public string Protect(byte[] secret) => Convert.ToBase64String(_protector.Protect(secret));

    public byte[] Unprotect(string protectedSecret) => _protector.Unprotect(Convert.FromBase64String(protectedSecret));
}
