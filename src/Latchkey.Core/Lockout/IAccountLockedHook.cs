namespace Latchkey.Core.Lockout;

/// <summary>
/// Work that must happen in the same transaction as a lock (<see cref="FailureCounter.RecordFailureAsync"/>): the
/// account's mail connections are closed, its OpenID Connect grants end and their clients are owed logout tokens,
/// like on a sign-out everywhere.
/// </summary>
public interface IAccountLockedHook
{
    Task LockedAsync(Guid accountId, CancellationToken cancellationToken);
}
