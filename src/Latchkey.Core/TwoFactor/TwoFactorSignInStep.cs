using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Sessions;
using Latchkey.Core.SignIn;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// The second factor's part of a sign-in, asked only after the right password (<see cref="ISignInSecondStep"/>).
/// An account with a second factor gets no session yet: a <see cref="TwoFactorChallenge"/> (random token, stored as
/// SHA-256, bound to the account, single-use, <see cref="TwoFactorOptions.ChallengeLifetime"/>) and 401
/// <see cref="ErrorCodes.TwoFactorRequired"/> naming the methods it has. Failure counters are not reset at this
/// point, so wrong codes keep counting toward the lock. An account without one that the domain's policy requires
/// to have one signs in, using up a grace sign-in, and once the grace is used up is marked
/// <see cref="Account.TwoFactorSetupRequired"/> (the caller saves the tracked account).
/// </summary>
internal sealed class TwoFactorSignInStep(LatchkeyDbContext db, TwoFactorPolicy policy, AuditLog auditLog, TimeProvider timeProvider, IOptions<TwoFactorOptions> options)
    : ISignInSecondStep
{
    public const string Message = "Enter the code from your authenticator app, a recovery code, or use your passkey.";

    public async Task<Failure?> RequireAsync(Account account, SignInRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        if (account.TwoFactorEnabled)
        {
            return await ChallengeAsync(account, request, cancellationToken);
        }

        await db.Entry(account).Collection(a => a.Roles).LoadAsync(cancellationToken);
        var (required, grace) = await policy.ForAsync(account, cancellationToken);
        if (!required)
        {
            account.TwoFactorSetupRequired = false;
        }
        else if (account.TwoFactorGraceUsed < grace)
        {
            account.TwoFactorGraceUsed++;
        }
        else
        {
            account.TwoFactorSetupRequired = true;
        }

        return null;
    }

    private async Task<Failure> ChallengeAsync(Account account, SignInRequest request, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        var token = SessionTokens.NewToken();
        db.TwoFactorChallenges.Add(new TwoFactorChallenge
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            TokenHash = SessionTokens.Hash(token),
            CreatedAt = now,
            ExpiresAt = now + options.Value.ChallengeLifetime,
            Ip = ColumnWidths.Fit(request.Ip, ColumnWidths.Ip),
            UserAgent = ColumnWidths.Fit(request.UserAgent, ColumnWidths.UserAgent),
        });
        var methods = await AccountSecondFactors.MethodsAsync(db, account.Id, cancellationToken);
        auditLog.Add(AuditEventTypes.TwoFactorChallenged, AuditEventTypes.Success, AuditContext.Anonymous(request.Ip, request.UserAgent), account.Id, account.Email, string.Join(',', methods));
        await db.SaveChangesAsync(cancellationToken);
        return new Failure(ErrorCodes.TwoFactorRequired, Message)
        {
            Extensions = new Dictionary<string, object>
            {
                ["challenge"] = token,
                ["methods"] = methods,
                ["expiresAt"] = now + options.Value.ChallengeLifetime,
            },
        };
    }
}
