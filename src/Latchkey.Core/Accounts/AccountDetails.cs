using Latchkey.Core.Sessions;

namespace Latchkey.Core.Accounts;

/// <summary>The admin's view of one account: the account, its live sessions and its recent sign-in failures.</summary>
public sealed record AccountDetails(AccountView Account, IReadOnlyList<SessionView> Sessions, IReadOnlyList<SignInFailureView> RecentFailures);
