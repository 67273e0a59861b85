using Latchkey.Core.Helpdesk;

namespace Latchkey.Api.Accounts;

/// <summary>Answer of <c>POST /accounts</c>: the account and, only when one was generated, its password (else null).</summary>
public sealed record CreatedAccountResponse(AccountView Account, string? Password);
