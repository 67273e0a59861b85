using Latchkey.Api.TwoFactor;
using Latchkey.Core.Helpdesk;
using Latchkey.Core.Sessions;

namespace Latchkey.Api.Accounts;

/// <summary>Answer of <c>GET /api/v1/accounts/{id}</c>: <see cref="AccountDetails"/> plus the account's second factors (never a secret).</summary>
public sealed record AccountDetailsView(
    AccountView Account,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<SignInFailureView> RecentFailures,
    IReadOnlyList<FailedLoginView> RecentFailedLogins,
    TwoFactorView TwoFactor)
{
    public static AccountDetailsView From(AccountDetails details, TwoFactorView twoFactor)
    {
        ArgumentNullException.ThrowIfNull(details);
        return new AccountDetailsView(details.Account, details.Sessions, details.RecentFailures, details.RecentFailedLogins, twoFactor);
    }
}
