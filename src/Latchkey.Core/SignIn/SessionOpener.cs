using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Latchkey.Core.Sessions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.SignIn;

/// <summary>
/// Opens a session for an account that has passed every step of a sign-in (the password alone, the second step, the
/// one-step passkey sign-in): one session shape, lockout reset and audit event for all of them.
/// <c>secondFactor</c> sets the session's step-up time, since the sign-in itself was a second-factor check.
/// </summary>
public sealed class SessionOpener(
    LatchkeyDbContext db,
    FailureCounter counter,
    TrustedDevices devices,
    AuditLog auditLog,
    TimeProvider timeProvider,
    IOptions<LatchkeySessionOptions> options,
    ILogger<SessionOpener> logger)
{
    /// <summary>
    /// Opens the session. <paramref name="method"/> is the audit detail (how the account signed in; null for a
    /// password alone); <paramref name="knownDeviceId"/> keeps a known browser's device id in its renewed cookie.
    /// </summary>
    public async Task<SignedIn> OpenAsync(
        Account account, string ip, string userAgent, string? deviceCookie, string? method, bool secondFactor,
        string? knownDeviceId = null, CancellationToken cancellationToken = default)
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
            Ip = ColumnWidths.Fit(ip, ColumnWidths.Ip),
            UserAgent = ColumnWidths.Fit(userAgent, ColumnWidths.UserAgent),
            SecondFactorAt = secondFactor ? now : null,
        };
        db.Sessions.Add(session);
        await counter.RecordSuccessAsync(account.Id, cancellationToken);
        var context = new AuditContext(account.Id, account.Email, ip, userAgent);
        auditLog.Add(AuditEventTypes.SignIn, AuditEventTypes.Success, context, account.Id, account.Email, method);
        await db.SaveChangesAsync(cancellationToken);
        SignInLog.SignedIn(logger, account.Id, session.Id);
        LatchkeyMetrics.SignIn("success", LoginProtocols.Web);
        return new SignedIn(account, session, token, devices.Issue(account.Id, knownDeviceId ?? devices.DeviceIdOf(deviceCookie)));
    }
}
