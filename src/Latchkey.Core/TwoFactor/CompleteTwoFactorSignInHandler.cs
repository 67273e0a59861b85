using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Lockout;
using Latchkey.Core.SignIn;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// The second step of a sign-in: a live challenge and a TOTP code or a recovery code of the challenge's account.
/// An unknown, used, expired or exhausted challenge is refused without looking at the code. A wrong code counts
/// toward the account's lock like a wrong password and toward the challenge's <see cref="TwoFactorOptions.ChallengeMaxFailures"/>,
/// after which the challenge is dead. The right code uses the challenge up and opens a session that counts as a
/// fresh second-factor check (step-up).
/// </summary>
public sealed class CompleteTwoFactorSignInHandler(
    SignInChallenges challenges,
    SecondFactorVerifier verifier,
    AccountLock accountLock,
    SecondFactorFailures failures,
    SessionOpener opener)
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
        var found = await challenges.FindAsync(challenge, cancellationToken);
        if (found is null)
        {
            return Failure.Field(ErrorCodes.InvalidCredentials, "challenge", ExpiredMessage);
        }

        var account = await challenges.AccountOfAsync(found, cancellationToken);
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

        if (!await challenges.UseUpAsync(found, account, cancellationToken))
        {
            return Failure.Field(ErrorCodes.InvalidCredentials, "challenge", ExpiredMessage);
        }

        return Result<SignedIn>.Ok(await opener.OpenAsync(account, ip, userAgent, deviceCookie, method, secondFactor: true, cancellationToken: cancellationToken));
    }
}
