using Latchkey.Core.Common;
using Latchkey.Core.Data;

namespace Latchkey.Core.SignIn;

/// <summary>
/// The one place a verified password leads to: every further sign-in step (a second factor) starts here; without one,
/// <see cref="SessionOpener"/> opens the session and renews the browser's device cookie (same device id).
/// </summary>
public sealed class SignInCompletion(ISignInSecondStep secondStep, SessionOpener opener)
{
    public async Task<Result<SignedIn>> PasswordVerifiedAsync(Account account, SignInRequest request, string? deviceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(account);
        ArgumentNullException.ThrowIfNull(request);
        if (await secondStep.RequireAsync(account, request, cancellationToken) is { } secondStepRequired)
        {
            return secondStepRequired;
        }

        return Result<SignedIn>.Ok(await opener.OpenAsync(account, request.Ip, request.UserAgent, request.DeviceCookie,
            deviceId is null ? null : "known_device", secondFactor: false, deviceId, cancellationToken));
    }
}
