using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>The second-factor methods (<see cref="SecondFactorMethod"/>) an account can sign in with right now, in the order pages offer them.</summary>
internal static class AccountSecondFactors
{
    public static async Task<List<string>> MethodsAsync(LatchkeyDbContext db, Guid accountId, CancellationToken cancellationToken)
    {
        var methods = new List<string>();
        if (await db.TotpAuthenticators.AnyAsync(t => t.AccountId == accountId && t.ConfirmedAt != null, cancellationToken))
        {
            methods.Add(SecondFactorMethod.Totp);
        }

        if (await db.Passkeys.AnyAsync(p => p.AccountId == accountId, cancellationToken))
        {
            methods.Add(SecondFactorMethod.Passkey);
        }

        if (await db.RecoveryCodes.AnyAsync(r => r.AccountId == accountId && r.UsedAt == null, cancellationToken))
        {
            methods.Add(SecondFactorMethod.RecoveryCode);
        }

        return methods;
    }
}
