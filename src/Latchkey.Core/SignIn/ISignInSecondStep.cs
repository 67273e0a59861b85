using Latchkey.Core.Common;
using Latchkey.Core.Data;

namespace Latchkey.Core.SignIn;

/// <summary>
/// The seam through which the second factor joins the sign-in (implemented by <c>TwoFactor/TwoFactorSignInStep</c>).
/// <see cref="SignInHandler"/> asks it only after the password matched and the account may sign in, so the first
/// step's answer to a wrong password never changes; a non-null failure (<see cref="ErrorCodes.TwoFactorRequired"/>
/// with a challenge) is returned instead of opening a session.
/// </summary>
public interface ISignInSecondStep
{
    Task<Failure?> RequireAsync(Account account, SignInRequest request, CancellationToken cancellationToken = default);
}
