using Latchkey.Core.Accounts;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Sessions;

/// <summary>
/// Opens a session for an account that has passed every step of a sign-in (used by the second step and the
/// one-step passkey sign-in): the same session shape, lockout reset and audit event as <see cref="SignInHandler"/>.
/// <c>secondFactor</c> sets the session's step-up time, since the sign-in itself was a second-factor check.
/// </summary>
public sealed class SessionOpener(
    LatchkeyDbContext db,
    AccountLockout lockout,
    TrustedDevices devices,
    AuditLog auditLog,
    TimeProvider timeProvider,
    IOptions<LatchkeySessionOptions> options,
    ILogger<SessionOpener> logger)
{
    public async Task<SignedIn> OpenAsync(Account account, string ip, string userAgent, string? deviceCookie, string method, bool secondFactor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
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
            Ip = Limit(ip, 64),
            UserAgent = Limit(userAgent, 512),
            SecondFactorAt = secondFactor ? now : null,
        };
        db.Sessions.Add(session);
        await lockout.RecordSuccessAsync(account.Id, cancellationToken);
        var context = new AuditContext(account.Id, account.Email, ip, userAgent);
        auditLog.Add(AuditEventTypes.SignIn, AuditEventTypes.Success, context, account.Id, account.Email, method);
        await db.SaveChangesAsync(cancellationToken);
        SessionsLog.SignedIn(logger, account.Id, session.Id);
        LatchkeyMetrics.SignIn("success", SignInHandler.Protocol);
        return new SignedIn(account, session, token, devices.Issue(account.Id, devices.DeviceIdOf(deviceCookie)));
    }

    private static string Limit(string value, int length) => value.Length > length ? value[..length] : value;
}
