using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Accounts;

/// <summary>An account found by its address: what the CLI's verbs that name an account act on.</summary>
public sealed record FoundAccount(Guid Id, string Email);

/// <summary>
/// Turns an address, in any case, into the account it names, so the CLI's verbs reach the same handlers as the API
/// and pages do by id. An address that names no account is refused as not found, in the words it was given.
/// </summary>
public sealed class FindAccountByEmailHandler(LatchkeyDbContext db)
{
    public async Task<Result<FoundAccount>> HandleAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        EmailAddress.TryNormalize(email, out var normalized, out _);
        var found = await db.Users.AsNoTracking().Where(a => a.Email == normalized)
            .Select(a => new FoundAccount(a.Id, a.Email ?? "")).SingleOrDefaultAsync(cancellationToken);
        return found is null ? Failure.Of(ErrorCodes.NotFound, "No account {0}.", email) : Result<FoundAccount>.Ok(found);
    }
}
