using Fido2NetLib;
using Fido2NetLib.Objects;
using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Begins adding a passkey to the signed-in account (step-up when it already has a second factor): WebAuthn creation
/// options asking for a discoverable credential (so it can sign in without a password), user verification preferred,
/// excluding the account's passkeys, kept as a <see cref="PasskeyCeremonies.Registration"/> ceremony. Answers the
/// options as JSON for <c>navigator.credentials.create</c>.
/// </summary>
public sealed class BeginPasskeyRegistrationHandler(LatchkeyDbContext db, StepUp stepUp, PasskeyRelyingParty relyingParty, PasskeyCeremonies ceremonies)
{
    public async Task<Result<string>> HandleAsync(Guid accountId, Guid? sessionId, CancellationToken cancellationToken = default)
    {
        var account = await db.Users.AsNoTracking().SingleOrDefaultAsync(a => a.Id == accountId, cancellationToken);
        if (account?.Email is null)
        {
            return Result<string>.Fail(ErrorCodes.NotFound, "No such account.");
        }

        if (await stepUp.RequireAsync(accountId, sessionId, cancellationToken) is { } stepUpRequired)
        {
            return stepUpRequired;
        }

        var existing = await db.Passkeys.AsNoTracking().Where(p => p.AccountId == accountId).Select(p => p.CredentialId).ToListAsync(cancellationToken);
        var options = relyingParty.Fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            User = new Fido2User { Id = accountId.ToByteArray(), Name = account.Email, DisplayName = account.Email },
            ExcludeCredentials = [.. existing.Select(id => new PublicKeyCredentialDescriptor(id))],
            AuthenticatorSelection = new AuthenticatorSelection
            {
                ResidentKey = ResidentKeyRequirement.Required,
                UserVerification = UserVerificationRequirement.Preferred,
            },
            AttestationPreference = AttestationConveyancePreference.None,
        });
        var json = options.ToJson();
        await ceremonies.StartAsync(PasskeyCeremonies.Registration, options.Challenge, json, accountId, null, cancellationToken);
        return Result<string>.Ok(json);
    }
}
