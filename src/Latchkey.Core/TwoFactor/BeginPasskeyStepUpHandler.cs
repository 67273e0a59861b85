using Latchkey.Core.Common;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Begins a step-up with a passkey: assertion options limited to the signed-in account's own passkeys, user
/// verification required, kept as a <see cref="PasskeyCeremonies.StepUp"/> ceremony bound to the account (single-use,
/// <see cref="PasskeyCeremonies.Lifetime"/>). Answers the options as JSON for <c>navigator.credentials.get</c>.
/// </summary>
public sealed class BeginPasskeyStepUpHandler(PasskeyAssertions assertions)
{
    public const string NoPasskeyMessage = "This account has no passkey.";

    public async Task<Result<string>> HandleAsync(Guid accountId, CancellationToken cancellationToken = default)
    {
        if (!await assertions.HasPasskeyAsync(accountId, cancellationToken))
        {
            return Result<string>.Fail(ErrorCodes.NotFound, NoPasskeyMessage);
        }

        return Result<string>.Ok(await assertions.BeginAsync(PasskeyCeremonies.StepUp, accountId, null, cancellationToken));
    }
}
