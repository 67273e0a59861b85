using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// The pending second step of a sign-in (a <see cref="TwoFactorChallenge"/> issued after the password matched): found
/// only while live (unused, unexpired, under <see cref="TwoFactorOptions.ChallengeMaxFailures"/>), and used up once,
/// by whichever second factor completes it first (a TOTP or recovery code, or a passkey).
/// </summary>
public sealed class SignInChallenges(LatchkeyDbContext db, TimeProvider timeProvider, IOptions<TwoFactorOptions> options)
{
    /// <summary>The live challenge <paramref name="token"/> names, untracked; null when unknown, used, expired or exhausted.</summary>
    public async Task<TwoFactorChallenge?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (!SessionTokens.LooksValid(token))
        {
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var hash = SessionTokens.Hash(token!);
        var challenge = await db.TwoFactorChallenges.AsNoTracking().SingleOrDefaultAsync(c => c.TokenHash == hash, cancellationToken);
        return challenge is null || challenge.UsedAt is not null || now >= challenge.ExpiresAt || challenge.Failures >= options.Value.ChallengeMaxFailures
            ? null
            : challenge;
    }

    /// <summary>The account the challenge belongs to, tracked.</summary>
    public Task<Account> AccountOfAsync(TwoFactorChallenge challenge, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        return db.Users.SingleAsync(a => a.Id == challenge.AccountId, cancellationToken);
    }

    /// <summary>
    /// Uses the challenge up once its second factor passed; false (the sign-in ends here) when another request used it
    /// first, or when <paramref name="account"/> may no longer sign in to the panel (disabled, no panel access). The
    /// challenge is used up either way.
    /// </summary>
    public async Task<bool> UseUpAsync(TwoFactorChallenge challenge, Account account, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        ArgumentNullException.ThrowIfNull(account);
        var now = timeProvider.GetUtcNow();
        var claimed = await db.TwoFactorChallenges.Where(c => c.Id == challenge.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), cancellationToken) == 1;
        return claimed && !account.Disabled && account.PanelAccess;
    }
}
