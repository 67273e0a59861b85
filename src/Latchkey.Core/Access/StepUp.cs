using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.Access;

/// <summary>
/// The step-up rule, in one place: an acting account that has a second factor may change a password, a factor, its
/// recovery codes, app passwords or tokens, or act on another account, only when its session passed a second-factor
/// check within <see cref="StepUpOptions.StepUpWindow"/>. The console (no session) and accounts without a second
/// factor pass. The check reads the store, never a cached session, so a check made on another node counts at once.
/// </summary>
public sealed class StepUp(LatchkeyDbContext db, TimeProvider timeProvider, IOptions<StepUpOptions> options)
{
    public const string Message = "Confirm it is you with your second factor first (a code from your authenticator app, a recovery code or a passkey).";

    /// <summary>Null when the action may go ahead; else a <see cref="ErrorCodes.StepUpRequired"/> failure.</summary>
    public async Task<Failure?> RequireAsync(Guid? accountId, Guid? sessionId, CancellationToken cancellationToken = default)
    {
        if (accountId is not { } id)
        {
            return null;
        }

        var hasFactor = await db.Users.AsNoTracking().Where(a => a.Id == id).Select(a => a.TwoFactorEnabled).SingleOrDefaultAsync(cancellationToken);
        if (!hasFactor)
        {
            return null;
        }

        if (sessionId is { } session)
        {
            var checkedAt = await db.Sessions.AsNoTracking().Where(s => s.Id == session && s.AccountId == id)
                .Select(s => s.SecondFactorAt).SingleOrDefaultAsync(cancellationToken);
            if (checkedAt is { } at && timeProvider.GetUtcNow() - at <= options.Value.StepUpWindow)
            {
                return null;
            }
        }

        return new Failure(ErrorCodes.StepUpRequired, Message);
    }

    /// <summary>The step-up rule for an <see cref="Actor"/>: the console always passes.</summary>
    public Task<Failure?> RequireAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return RequireAsync(actor.AccountId, actor.SessionId, cancellationToken);
    }

    /// <summary>Records that <paramref name="sessionId"/> just passed a second-factor check. Saves at once.</summary>
    public Task<int> MarkAsync(Guid sessionId, CancellationToken cancellationToken = default)
    {
        var now = timeProvider.GetUtcNow();
        return db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(set => set.SetProperty(s => s.SecondFactorAt, now), cancellationToken);
    }
}
