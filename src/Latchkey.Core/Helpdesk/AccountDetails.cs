using Latchkey.Core.Sessions;

namespace Latchkey.Core.Helpdesk;

/// <summary>
/// The admin's view of one account: the account, its live sessions, its recent refused web sign-ins (from the audit
/// log, with the reason) and its recent failed logins on every protocol (web, IMAP, SMTP: what counts toward a lock).
/// </summary>
public sealed record AccountDetails(
    AccountView Account,
    IReadOnlyList<SessionView> Sessions,
    IReadOnlyList<SignInFailureView> RecentFailures,
    IReadOnlyList<FailedLoginView> RecentFailedLogins);
