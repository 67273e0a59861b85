using Fido2NetLib;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.SignIn;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Sign-in with a passkey, (a) as the second step after the password, completing a live
/// <see cref="TwoFactorChallenge"/>, and (b) in one step without a password, with user verification required (the
/// authenticator checked a PIN or biometric, so the passkey alone is two factors). The passwordless way keeps every
/// rule of a password sign-in: the client address's failure limit (<see cref="ErrorCodes.RateLimited"/>), the
/// account's lock for unknown devices, and the same refusal for a disabled account or one without panel access;
/// the session (<see cref="SessionOpener"/>) carries <c>password_change_required</c> as any other. A refused answer
/// counts toward the address's limit (and, for a known passkey, toward its account's lock) like a wrong password.
/// </summary>
public sealed class PasskeySignInHandler(
    LatchkeyDbContext db,
    PasskeyCeremonies ceremonies,
    PasskeyAssertions assertions,
    SignInChallenges challenges,
    SecondFactorFailures secondFactorFailures,
    AccountLock accountLock,
    AddressThrottle throttle,
    FailureCounter counter,
    TrustedDevices devices,
    SessionOpener opener,
    AuditLog auditLog)
{
    public const string RefusedMessage = "The passkey was not accepted.";

    /// <summary>The methods (<see cref="SecondFactorMethod"/>) the account of a live <paramref name="challenge"/> has; empty when the challenge is not live.</summary>
    public async Task<IReadOnlyList<string>> MethodsAsync(string? challenge, CancellationToken cancellationToken = default)
    {
        if (await challenges.FindAsync(challenge, cancellationToken) is not { } found)
        {
            return [];
        }

        return await AccountSecondFactors.MethodsAsync(db, found.AccountId, cancellationToken);
    }

    /// <summary>Assertion options for the second step of the sign-in <paramref name="challenge"/> names.</summary>
    public async Task<Result<string>> BeginSecondFactorAsync(string? challenge, CancellationToken cancellationToken = default)
    {
        var found = await challenges.FindAsync(challenge, cancellationToken);
        if (found is null)
        {
            return Failure.Field(ErrorCodes.InvalidCredentials, "challenge", CompleteTwoFactorSignInHandler.ExpiredMessage);
        }

        if (!await db.Passkeys.AnyAsync(p => p.AccountId == found.AccountId, cancellationToken))
        {
            return Result<string>.Fail(ErrorCodes.NotFound, "This account has no passkey.");
        }

        return Result<string>.Ok(await assertions.BeginAsync(PasskeyCeremonies.SecondFactor, found.AccountId, found.Id, cancellationToken));
    }

    /// <summary>Completes the sign-in <paramref name="challenge"/> names with a passkey of its account.</summary>
    public async Task<Result<SignedIn>> FinishSecondFactorAsync(
        string? challenge, AuthenticatorAssertionRawResponse? response, string ip, string userAgent, string? deviceCookie, CancellationToken cancellationToken = default)
    {
        var found = await challenges.FindAsync(challenge, cancellationToken);
        if (found is null)
        {
            return Failure.Field(ErrorCodes.InvalidCredentials, "challenge", CompleteTwoFactorSignInHandler.ExpiredMessage);
        }

        var account = await challenges.AccountOfAsync(found, cancellationToken);
        if (accountLock.IsLocked(account))
        {
            return Result<SignedIn>.Fail(ErrorCodes.Locked, await accountLock.ReasonAsync(account.Id, cancellationToken));
        }

        var context = AuditContext.Anonymous(ip, userAgent);
        var ceremony = response?.Response is null ? null : await ceremonies.ClaimAsync(PasskeyCeremonies.SecondFactor, response.Response.ClientDataJson, cancellationToken);
        var passkey = ceremony is null || ceremony.TwoFactorChallengeId != found.Id ? null : await assertions.VerifyAsync(ceremony, response!, cancellationToken);
        if (passkey is null)
        {
            await secondFactorFailures.RecordAsync(found, account, "passkey:" + (response?.Id ?? ""), context, cancellationToken);
            return Failure.Field(ErrorCodes.InvalidCredentials, "credential", RefusedMessage);
        }

        if (!await challenges.UseUpAsync(found, account, cancellationToken))
        {
            return Failure.Field(ErrorCodes.InvalidCredentials, "challenge", CompleteTwoFactorSignInHandler.ExpiredMessage);
        }

        return Result<SignedIn>.Ok(await opener.OpenAsync(account, ip, userAgent, deviceCookie, SecondFactorMethod.Passkey, secondFactor: true, cancellationToken: cancellationToken));
    }

    /// <summary>Assertion options for a passwordless sign-in (any discoverable passkey, user verification required).</summary>
    public async Task<Result<string>> BeginPasswordlessAsync(string ip, CancellationToken cancellationToken = default)
    {
        if ((await throttle.CheckIpAsync(ip, cancellationToken)).Refused)
        {
            return Result<string>.Fail(ErrorCodes.RateLimited, SignInHandler.IpRefusedMessage);
        }

        return Result<string>.Ok(await assertions.BeginAsync(PasskeyCeremonies.Passwordless, null, null, cancellationToken));
    }

    /// <summary>Signs in with a passkey alone; every refusal is the same <see cref="ErrorCodes.InvalidCredentials"/>.</summary>
    public async Task<Result<SignedIn>> FinishPasswordlessAsync(
        AuthenticatorAssertionRawResponse? response, string ip, string userAgent, string? deviceCookie, CancellationToken cancellationToken = default)
    {
        var context = AuditContext.Anonymous(ip, userAgent);
        if ((await throttle.CheckIpAsync(ip, cancellationToken)).Refused)
        {
            await RefuseAsync(context, null, "ip_refused", cancellationToken);
            return Result<SignedIn>.Fail(ErrorCodes.RateLimited, SignInHandler.IpRefusedMessage);
        }

        var ceremony = response?.Response is null ? null : await ceremonies.ClaimAsync(PasskeyCeremonies.Passwordless, response.Response.ClientDataJson, cancellationToken);
        var passkey = ceremony is null ? null : await assertions.VerifyAsync(ceremony, response!, cancellationToken);
        if (passkey is null)
        {
            var known = response?.RawId is { Length: > 0 } rawId
                ? await db.Passkeys.AsNoTracking().Where(p => p.CredentialId == rawId).Select(p => (Guid?)p.AccountId).SingleOrDefaultAsync(cancellationToken)
                : null;
            var owner = known is { } ownerId ? await db.Users.AsNoTracking().SingleOrDefaultAsync(a => a.Id == ownerId, cancellationToken) : null;
            var login = owner?.Email ?? "passkey";
            var pwHash = await counter.PwHashAsync(login, "passkey:" + (response?.Id ?? "") + ":" + ceremony?.Id, cancellationToken);
            await counter.RecordFailureAsync(new FailedLogin(owner?.Id, login, ip, LoginProtocols.Web, pwHash), cancellationToken);
            return await RefuseAsync(context, owner, "passkey_refused", cancellationToken);
        }

        var account = await db.Users.SingleAsync(a => a.Id == passkey.AccountId, cancellationToken);
        var deviceId = await devices.KnownDeviceAsync(account, deviceCookie, cancellationToken);
        if (deviceId is null && accountLock.IsLocked(account))
        {
            return await RefuseAsync(context, account, "locked", cancellationToken);
        }

        if (account.Disabled || !account.PanelAccess)
        {
            return await RefuseAsync(context, account, account.Disabled ? "disabled" : "no_panel_access", cancellationToken);
        }

        return Result<SignedIn>.Ok(await opener.OpenAsync(account, ip, userAgent, deviceCookie, SecondFactorMethod.Passkey, secondFactor: true, deviceId, cancellationToken));
    }

    private async Task<Result<SignedIn>> RefuseAsync(AuditContext context, Account? account, string reason, CancellationToken cancellationToken)
    {
        auditLog.Add(AuditEventTypes.SignIn, AuditEventTypes.Failure, context, account?.Id, account?.Email ?? "passkey", reason);
        await db.SaveChangesAsync(cancellationToken);
        LatchkeyMetrics.SignIn(reason, LoginProtocols.Web);
        return Result<SignedIn>.Fail(ErrorCodes.InvalidCredentials, SignInHandler.RefusedMessage);
    }
}
