using Latchkey.Core.Audit;
using Latchkey.Core.Data;
using Latchkey.Core.Lockout;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// A wrong second-factor code: it counts toward the account's lock exactly like a wrong password (through
/// <see cref="FailureCounter"/>, each distinct code once), is audited, and (during a sign-in) toward the challenge's
/// limit, after which the challenge is dead. Never logs the code.
/// </summary>
public sealed class SecondFactorFailures(
    LatchkeyDbContext db,
    FailureCounter counter,
    AuditLog auditLog,
    TimeProvider timeProvider,
    IOptions<TwoFactorOptions> options,
    ILogger<SecondFactorFailures> logger)
{
    /// <summary>What a wrong code is fingerprinted as: prefixed, so a code never counts as the same guess as a password.</summary>
    public static string PwHashInput(string code) => "second-factor:" + code;

    public async Task RecordAsync(TwoFactorChallenge? challenge, Account account, string code, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(context);
        var failures = 0;
        if (challenge is not null)
        {
            var now = timeProvider.GetUtcNow();
            failures = challenge.Failures + 1;
            var dead = failures >= options.Value.ChallengeMaxFailures;
            await db.TwoFactorChallenges.Where(c => c.Id == challenge.Id).ExecuteUpdateAsync(
                set => set.SetProperty(c => c.Failures, c => c.Failures + 1).SetProperty(c => c.UsedAt, c => dead ? now : c.UsedAt), cancellationToken);
        }

        auditLog.Add(challenge is null ? AuditEventTypes.StepUp : AuditEventTypes.SignIn, AuditEventTypes.Failure, context, account.Id, account.Email, "wrong_second_factor");
        var pwHash = await counter.PwHashAsync(account.Email!, PwHashInput(code), cancellationToken);
        await counter.RecordFailureAsync(new FailedLogin(account.Id, account.Email!, context.Ip ?? "", LoginProtocols.Web, pwHash), cancellationToken);
        TwoFactorLog.WrongCode(logger, account.Id, failures);
    }
}
