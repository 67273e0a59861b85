namespace Latchkey.Core.Sessions;

/// <summary>
/// What else ends when every session of an account ends (API tokens, OpenID Connect grants): called by
/// <see cref="SessionRevoker.RevokeAllAsync"/> inside the caller's transaction, so it commits or rolls back with it.
/// </summary>
public interface ISignOutEverywhereHook
{
    Task SignedOutEverywhereAsync(Guid accountId, string reason, CancellationToken cancellationToken);
}
