using Fido2NetLib;
using Fido2NetLib.Objects;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Begins and checks passkey assertions (sign-in with a passkey) against the stored public key: the relying party's
/// origin and id, the ceremony's challenge, the user handle when the authenticator names one, user verification when
/// the ceremony required it, and a signature counter that must grow (a counter at or below the stored one means a
/// cloned authenticator and is refused). The accepted counter and the time of use are claimed with one conditional
/// update, so two racing answers cannot both win.
/// </summary>
public sealed class PasskeyAssertions(
    LatchkeyDbContext db,
    PasskeyRelyingParty relyingParty,
    PasskeyCeremonies ceremonies,
    TimeProvider timeProvider,
    ILogger<PasskeyAssertions> logger)
{
    /// <summary>Whether the account has a passkey to assert with (a step-up by passkey is offered only then).</summary>
    public Task<bool> HasPasskeyAsync(Guid accountId, CancellationToken cancellationToken = default) =>
        db.Passkeys.AsNoTracking().AnyAsync(p => p.AccountId == accountId, cancellationToken);

    /// <summary>
    /// Starts a ceremony; <paramref name="accountId"/> limits it to that account's passkeys, else any discoverable one.
    /// User verification is required, except for the second step after a password (preferred there: the password was
    /// the first factor).
    /// </summary>
    public async Task<string> BeginAsync(string kind, Guid? accountId, Guid? twoFactorChallengeId, CancellationToken cancellationToken)
    {
        IReadOnlyList<PublicKeyCredentialDescriptor> allowed = accountId is { } id
            ? [.. (await db.Passkeys.AsNoTracking().Where(p => p.AccountId == id).Select(p => p.CredentialId).ToListAsync(cancellationToken))
                .Select(c => new PublicKeyCredentialDescriptor(c))]
            : [];
        var options = relyingParty.Fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = allowed,
            UserVerification = kind == PasskeyCeremonies.SecondFactor ? UserVerificationRequirement.Preferred : UserVerificationRequirement.Required,
        });
        var json = options.ToJson();
        await ceremonies.StartAsync(kind, options.Challenge, json, accountId, twoFactorChallengeId, cancellationToken);
        return json;
    }

    /// <summary>
    /// Claims the live ceremony of <paramref name="kind"/> that <paramref name="response"/> answers, which must have
    /// been begun for <paramref name="accountId"/>, and checks the answer (<see cref="VerifyAsync"/>); null when any
    /// of it fails. The ceremony is used up either way.
    /// </summary>
    public async Task<Passkey?> ClaimAndVerifyAsync(string kind, Guid accountId, AuthenticatorAssertionRawResponse? response, CancellationToken cancellationToken)
    {
        if (response?.Response is null)
        {
            return null;
        }

        var ceremony = await ceremonies.ClaimAsync(kind, response.Response.ClientDataJson, cancellationToken);
        return ceremony is null || ceremony.AccountId != accountId ? null : await VerifyAsync(ceremony, response, cancellationToken);
    }

    /// <summary>The passkey that signed <paramref name="response"/> for <paramref name="ceremony"/>, its use recorded; null when anything does not match.</summary>
    public async Task<Passkey?> VerifyAsync(PasskeyCeremony ceremony, AuthenticatorAssertionRawResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ceremony);
        ArgumentNullException.ThrowIfNull(response);
        if (response.RawId is not { Length: > 0 } rawId)
        {
            return null;
        }

        var passkey = await db.Passkeys.AsNoTracking().SingleOrDefaultAsync(p => p.CredentialId == rawId, cancellationToken);
        if (passkey is null || (ceremony.AccountId is { } accountId && passkey.AccountId != accountId)
            || (ceremony.AccountId is null && response.Response?.UserHandle is null))
        {
            TwoFactorLog.PasskeyRefused(logger, passkey?.AccountId, "unknown credential");
            return null;
        }

        VerifyAssertionResult result;
        try
        {
            result = await relyingParty.Fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = AssertionOptions.FromJson(ceremony.Options),
                StoredPublicKey = passkey.PublicKey,
                StoredSignatureCounter = (uint)passkey.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) =>
                    Task.FromResult(args.UserHandle.AsSpan().SequenceEqual(passkey.UserHandle) && args.CredentialId.AsSpan().SequenceEqual(passkey.CredentialId)),
            }, cancellationToken);
        }
        catch (Fido2VerificationException exception)
        {
            TwoFactorLog.PasskeyRefused(logger, passkey.AccountId, exception.Message);
            return null;
        }

        var now = timeProvider.GetUtcNow();
        var claimed = await db.Passkeys.Where(p => p.Id == passkey.Id && p.SignCount == passkey.SignCount)
            .ExecuteUpdateAsync(set => set.SetProperty(p => p.SignCount, (long)result.SignCount).SetProperty(p => p.LastUsedAt, now), cancellationToken);
        if (claimed != 1)
        {
            return null;
        }

        passkey.SignCount = result.SignCount;
        passkey.LastUsedAt = now;
        return passkey;
    }
}
