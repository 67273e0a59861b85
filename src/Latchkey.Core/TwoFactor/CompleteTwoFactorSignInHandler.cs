using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// The second step of a sign-in: a live challenge and a TOTP code or a recovery code of the challenge's account.
/// An unknown, used, expired or exhausted challenge is refused without looking at the code. A wrong code counts
/// toward the account's lock like a wrong password and toward the challenge's <see cref="TwoFactorOptions.ChallengeMaxFailures"/>,
/// after which the challenge is dead. The right code uses the challenge up and opens a session that counts as a
/// fresh second-factor check (step-up).
/// </summary>
public sealed class CompleteTwoFactorSignInHandler(
    LatchkeyDbContext db,
    SecondFactorVerifier verifier,
    AccountLock accountLock,
    SecondFactorFailures failures,
    SessionOpener opener,
    TimeProvider timeProvider,
    IOptions<TwoFactorOptions> options)
{
    public const string ExpiredMessage = "This sign-in has expired. Sign in again with your password.";
    public const string WrongCodeMessage = "The code is not correct.";

    public async Task<Result<SignedIn>> HandleAsync(string? challenge, string? code, string? recoveryCode, string ip, string userAgent, string? deviceCookie, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(code) && string.IsNullOrWhiteSpace(recoveryCode))
        {
            return Failure.Field(ErrorCodes.Validation, "code", "Enter the code from your authenticator app or a recovery code.");
        }

        var context = AuditContext.Anonymous(ip, userAgent);
        var now = timeProvider.GetUtcNow();
        var found = await FindAsync(challenge, now, cancellationToken);
        if (found is null)
        {
            return Failure.Field(ErrorCodes.InvalidCredentials, "challenge", ExpiredMessage);
        }

        var account = await db.Users.SingleAsync(a => a.Id == found.AccountId, cancellationToken);
        if (accountLock.IsLocked(account))
        {
            return Result<SignedIn>.Fail(ErrorCodes.Locked, await accountLock.ReasonAsync(account.Id, cancellationToken));
        }

        var method = await verifier.VerifyAsync(account, code, recoveryCode, context with { ActorId = account.Id, ActorEmail = account.Email }, cancellationToken);
        if (method is null)
        {
            await failures.RecordAsync(found, account, code ?? recoveryCode ?? "", context, cancellationToken);
            return Failure.Field(ErrorCodes.InvalidCredentials, string.IsNullOrWhiteSpace(code) ? "recoveryCode" : "code", WrongCodeMessage);
        }

        var claimed = await db.TwoFactorChallenges.Where(c => c.Id == found.Id && c.UsedAt == null)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.UsedAt, now), cancellationToken);
        if (claimed != 1 || account.Disabled || !account.PanelAccess)
        {
            return Failure.Field(ErrorCodes.InvalidCredentials, "challenge", ExpiredMessage);
        }

        return Result<SignedIn>.Ok(await opener.OpenAsync(account, ip, userAgent, deviceCookie, method, secondFactor: true, cancellationToken: cancellationToken));
    }

    /// <summary>The live challenge <paramref name="token"/> names, untracked; null when unknown, used, expired or exhausted.</summary>
    internal async Task<TwoFactorChallenge?> FindAsync(string? token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (!SessionTokens.LooksValid(token))
        {
            return null;
        }

        var hash = SessionTokens.Hash(token!);
        var challenge = await db.TwoFactorChallenges.AsNoTracking().SingleOrDefaultAsync(c => c.TokenHash == hash, cancellationToken);
        return challenge is null || challenge.UsedAt is not null || now >= challenge.ExpiresAt || challenge.Failures >= options.Value.ChallengeMaxFailures
            ? null
            : challenge;
    }
}
