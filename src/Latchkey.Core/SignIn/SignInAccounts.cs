using Latchkey.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.SignIn;

/// <summary>
/// The account a sign-in names, found by its e-mail address as Identity normalises it, with its roles in the same
/// query: every later step (the second-factor policy, the session) needs them, and the sign-in path's time beyond
/// the hash is mostly such round trips (issue 10, bench/signin-overhead.sh). The query is compiled once.
/// </summary>
public sealed class SignInAccounts(LatchkeyDbContext db, ILookupNormalizer normalizer)
{
    private static readonly CompiledQuery<Func<LatchkeyDbContext, string, CancellationToken, Task<Account?>>> _byNormalizedEmail = new(() =>
        EF.CompileAsyncQuery((LatchkeyDbContext context, string normalizedEmail, CancellationToken _) =>
            context.Users.Include(a => a.Roles).SingleOrDefault(a => a.NormalizedEmail == normalizedEmail)));

    /// <summary>The tracked account with <paramref name="email"/> (roles loaded), or null.</summary>
    public Task<Account?> FindAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(email);
        return _byNormalizedEmail.For(db)(db, normalizer.NormalizeEmail(email), cancellationToken);
    }

    /// <summary>
    /// Keeps the store's connection open for the statements of one step of the sign-in (before the hash, after it)
    /// instead of a pool round trip around each; never held across the hash.
    /// </summary>
    public Task<HeldConnection> HoldConnectionAsync(CancellationToken cancellationToken) => HeldConnection.OpenAsync(db, cancellationToken);
}
