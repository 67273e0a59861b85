using Latchkey.Core.Data;
using Latchkey.Core.Passwords;
using Microsoft.AspNetCore.Identity;

namespace Latchkey.Core.SignIn;

/// <summary>
/// The password comparison of a web sign-in, at a constant cost: every attempt that does not end in a match costs
/// exactly <see cref="RefusalVerifications"/> Argon2id verifications (the current hash, then the previous one for the
/// stale-device check, with the dummy hash standing in for whatever is missing), whether the address is unknown, the
/// account has a previous password or not, or the attempt is refused before the comparison (a lock). A match costs
/// one. Every verification waits in the client's share of the <see cref="PasswordHashingGate"/>, asynchronously.
/// </summary>
public sealed class SignInPasswordCheck(LatchkeyPasswordHasher hasher, Argon2idHasher argon2id, PasswordHistory history, UserManager<Account> userManager)
{
    /// <summary>Argon2id verifications spent on every attempt that does not match.</summary>
    public const int RefusalVerifications = 2;

    /// <summary>
    /// Compares <paramref name="password"/> with <paramref name="account"/>'s current and previous passwords. With
    /// <paramref name="compare"/> false (unknown address, locked for this source) nothing is compared and the same
    /// work is spent on the dummy hash. A match with an old-format hash upgrades it (Identity's rehash).
    /// </summary>
    public async Task<PasswordCheckOutcome> CheckAsync(Account? account, string password, bool compare, string client, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(password);
        if (account?.PasswordHash is not { } current || !compare)
        {
            for (var i = 0; i < RefusalVerifications; i++)
            {
                await argon2id.VerifyDummyAsync(password, client, cancellationToken);
            }

            return PasswordCheckOutcome.Wrong;
        }

        var result = await hasher.VerifyHashedPasswordAsync(account, current, password, client, cancellationToken);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            // Rare (imported or old-parameter hashes): Identity verifies again and stores the Argon2id upgrade.
            await userManager.CheckPasswordAsync(account, password);
        }

        if (result != PasswordVerificationResult.Failed)
        {
            return PasswordCheckOutcome.Matches;
        }

        var previous = await history.PreviousHashAsync(account, cancellationToken);
        if (previous is null)
        {
            await argon2id.VerifyDummyAsync(password, client, cancellationToken);
            return PasswordCheckOutcome.Wrong;
        }

        return await hasher.VerifyHashedPasswordAsync(account, previous, password, client, cancellationToken) == PasswordVerificationResult.Failed
            ? PasswordCheckOutcome.Wrong
            : PasswordCheckOutcome.Previous;
    }

    /// <summary>Spends the second verification of a refusal whose first one matched (a disabled account, no panel access).</summary>
    public Task CompleteRefusalAsync(string password, string client, CancellationToken cancellationToken = default) =>
        argon2id.VerifyDummyAsync(password, client, cancellationToken);
}
