using Latchkey.Core.Accounts;

namespace Latchkey.Core.Sessions;

/// <summary>What a valid session tells the web layer about the request's account.</summary>
public sealed record AuthenticatedSession(
    Guid SessionId,
    Guid AccountId,
    string Email,
    string Domain,
    bool MustChangePassword,
    IReadOnlyList<RoleAssignment> Roles);
