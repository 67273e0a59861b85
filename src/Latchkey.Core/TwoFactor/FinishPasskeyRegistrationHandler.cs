using Fido2NetLib;
using Latchkey.Core.Access;
using Latchkey.Core.Audit;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Finishes adding a passkey: the answer must belong to a live registration ceremony of this account (single-use,
/// 5 minutes), come from the relying party's origin and verify (Fido2); its credential id must be new. The passkey
/// is stored with its name, the owner is e-mailed, the event audited (<see cref="SecondFactorChanges"/>), and the
/// session counts as freshly checked. The first factor comes with recovery codes, returned once.
/// </summary>
public sealed class FinishPasskeyRegistrationHandler(
    LatchkeyDbContext db,
    StepUp stepUp,
    PasskeyRelyingParty relyingParty,
    PasskeyCeremonies ceremonies,
    SecondFactorChanges changes,
    TimeProvider timeProvider,
    ILogger<FinishPasskeyRegistrationHandler> logger)
{
    public const string RefusedMessage = "The passkey could not be registered. Try again.";

    public async Task<Result<FactorAdded>> HandleAsync(
        Guid accountId, Guid? sessionId, string? name, AuthenticatorAttestationRawResponse? response, AuditContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (PasskeyNames.Check(name, out var trimmed) is { } invalid)
        {
            return invalid;
        }

        name = trimmed;

        if (response?.Response is null)
        {
            return Failure.Field(ErrorCodes.Validation, "credential", RefusedMessage);
        }

        if (await stepUp.RequireAsync(accountId, sessionId, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        var ceremony = await ceremonies.ClaimAsync(PasskeyCeremonies.Registration, response.Response.ClientDataJson, cancellationToken);
        if (ceremony is null || ceremony.AccountId != accountId)
        {
            return Failure.Field(ErrorCodes.Validation, "credential", RefusedMessage);
        }

        Fido2NetLib.Objects.RegisteredPublicKeyCredential credential;
        try
        {
            credential = await relyingParty.Fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = CredentialCreateOptions.FromJson(ceremony.Options),
                IsCredentialIdUniqueToUserCallback = async (args, token) => !await db.Passkeys.AnyAsync(p => p.CredentialId == args.CredentialId, token),
            }, cancellationToken);
        }
        catch (Fido2VerificationException exception)
        {
            TwoFactorLog.PasskeyRefused(logger, accountId, exception.Message);
            return Failure.Field(ErrorCodes.Validation, "credential", RefusedMessage);
        }

        var now = timeProvider.GetUtcNow();
        db.Passkeys.Add(new Passkey
        {
            Id = Guid.NewGuid(),
            AccountId = accountId,
            CredentialId = credential.Id,
            PublicKey = credential.PublicKey,
            UserHandle = credential.User.Id,
            SignCount = credential.SignCount,
            Name = name,
            CreatedAt = now,
        });
        var account = await db.Users.SingleAsync(a => a.Id == accountId, cancellationToken);
        var codes = await changes.AddedAsync(account, SecondFactorMethod.Passkey, name, context, cancellationToken);
        if (sessionId is { } session)
        {
            await db.Sessions.Where(s => s.Id == session && s.AccountId == accountId).ExecuteUpdateAsync(set => set.SetProperty(s => s.SecondFactorAt, now), cancellationToken);
        }

        await db.SaveChangesAsync(cancellationToken);
        TwoFactorLog.Added(logger, accountId, SecondFactorMethod.Passkey);
        return Result<FactorAdded>.Ok(new FactorAdded(SecondFactorMethod.Passkey, codes));
    }
}
