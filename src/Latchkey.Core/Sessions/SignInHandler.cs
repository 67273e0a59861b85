using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Passwords;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>
/// Checks an e-mail address and password and opens a server-side session.
/// </summary>
/// <remarks>
/// An unknown address, a wrong password, a disabled account and an account without panel access all get the same
/// <see cref="ErrorCodes.InvalidCredentials"/> after the same Argon2id work (a dummy hash for unknown addresses), so
/// neither the answer nor its timing tells whether an account exists (ASVS 6.3.8). The audit event records the
/// real reason. A hash with old parameters or from an import is upgraded by Identity on success. Wrong passwords
/// feed the same counters as mail logins (<see cref="AccountLockout"/>): a locked account gets
/// <see cref="ErrorCodes.Locked"/> with the lock's reason, before its password is checked, and an IP address with
/// too many failures gets <see cref="ErrorCodes.RateLimited"/> before any hashing. A browser still sending the
/// previous password is recorded as a stale device and does not count (<see cref="FailedSignInRecorder"/>).
/// </remarks>
public sealed class SignInHandler(
    LatchkeyDbContext db,
    UserManager<Account> userManager,
    Argon2idHasher argon2id,
    AccountLockout lockout,
    FailedSignInRecorder failures,
    ISignInSecondStep secondStep,
    AuditLog auditLog,
    TimeProvider timeProvider,
    IOptions<LatchkeySessionOptions> options,
    ILogger<SignInHandler> logger)
{
    /// <summary>Longest password accepted, in UTF-8 bytes; longer input is refused before any hashing.</summary>
    public const int MaxPasswordBytes = 4096;

    /// <summary>The protocol web sign-ins are counted under, beside Dovecot's <c>imap</c>, <c>submission</c> ….</summary>
    public const string Protocol = "web";

    public async Task<Result<SignedIn>> HandleAsync(SignInRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (System.Text.Encoding.UTF8.GetByteCount(request.Password) > MaxPasswordBytes)
        {
            return Failure.Field(ErrorCodes.Validation, "password", "The password is too long.");
        }

        var context = AuditContext.Anonymous(request.Ip, request.UserAgent);
        if ((await lockout.CheckIpAsync(request.Ip, cancellationToken)).Refused)
        {
            await RefuseAsync(context, null, Limit(request.Email.Trim(), 256), "ip_refused", cancellationToken);
            return Result<SignedIn>.Fail(ErrorCodes.RateLimited, "Too many failed sign-ins from your address. Try again later.");
        }

        EmailAddress.TryNormalize(request.Email, out var email, out _);
        var account = email.Length == 0 ? null : await userManager.FindByEmailAsync(email);
        var login = email.Length == 0 ? Limit(request.Email.Trim(), 256) : email;
        if (account is null)
        {
            argon2id.VerifyDummy(request.Password);
            await lockout.RecordFailureAsync(new FailedLogin(null, login, request.Ip, Protocol, await lockout.PwHashAsync(login, request.Password, cancellationToken)), cancellationToken);
            return await RefuseAsync(context, null, login, "unknown_account", cancellationToken);
        }

        if (lockout.IsLocked(account))
        {
            argon2id.VerifyDummy(request.Password);
            await RefuseAsync(context, account.Id, account.Email, "locked", cancellationToken);
            return Result<SignedIn>.Fail(ErrorCodes.Locked, await lockout.ReasonAsync(account.Id, cancellationToken));
        }

        var passwordMatches = account.PasswordHash is not null && await userManager.CheckPasswordAsync(account, request.Password);
        if (account.PasswordHash is null)
        {
            argon2id.VerifyDummy(request.Password);
        }

        if (!passwordMatches)
        {
            var stale = await failures.RecordAsync(account, login, request.Password, request.Ip, request.UserAgent, cancellationToken);
            return await RefuseAsync(context, account.Id, account.Email, stale ? "previous_password" : "wrong_password", cancellationToken);
        }

        if (account.Disabled || !account.PanelAccess)
        {
            return await RefuseAsync(context, account.Id, account.Email, account.Disabled ? "disabled" : "no_panel_access", cancellationToken);
        }

        if (await secondStep.RequireAsync(account, request, cancellationToken) is { } secondStepRequired)
        {
            return secondStepRequired;
        }

        await db.Entry(account).Collection(a => a.Roles).LoadAsync(cancellationToken);
        var now = timeProvider.GetUtcNow();
        var token = SessionTokens.NewToken();
        var session = new Session
        {
            Id = Guid.NewGuid(),
            AccountId = account.Id,
            TokenHash = SessionTokens.Hash(token),
            CreatedAt = now,
            LastSeenAt = now,
            ExpiresAt = now + options.Value.AbsoluteLifetime,
            Ip = Limit(request.Ip, 64),
            UserAgent = Limit(request.UserAgent, 512),
        };
        db.Sessions.Add(session);
        await lockout.RecordSuccessAsync(account.Id, cancellationToken);
        auditLog.Add(AuditEventTypes.SignIn, AuditEventTypes.Success, context with { ActorId = account.Id, ActorEmail = account.Email }, account.Id, account.Email);
        await db.SaveChangesAsync(cancellationToken);
        SessionsLog.SignedIn(logger, account.Id, session.Id);
        return Result<SignedIn>.Ok(new SignedIn(account, session, token));
    }

    private async Task<Result<SignedIn>> RefuseAsync(AuditContext context, Guid? accountId, string? email, string reason, CancellationToken cancellationToken)
    {
        auditLog.Add(AuditEventTypes.SignIn, AuditEventTypes.Failure, context, accountId, Limit(email ?? "", 256), reason);
        await db.SaveChangesAsync(cancellationToken);
        SessionsLog.SignInRefused(logger, accountId, reason);
        return Result<SignedIn>.Fail(ErrorCodes.InvalidCredentials, "The e-mail address or password is not correct.");
    }

    private static string Limit(string value, int length) => value.Length > length ? value[..length] : value;
}
