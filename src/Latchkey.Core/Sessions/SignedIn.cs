using Latchkey.Core.Accounts;

namespace Latchkey.Core.Sessions;

/// <summary>A new session: <see cref="Token"/> goes into the cookie and is never stored or logged.</summary>
public sealed record SignedIn(Account Account, Session Session, string Token);
