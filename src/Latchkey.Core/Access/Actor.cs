using Latchkey.Core.Data;
namespace Latchkey.Core.Access;

/// <summary>
/// Who acts, as every Core handler that acts for someone receives it and hands it to <see cref="AccessPolicy"/>: a
/// signed-in person with their roles, or <see cref="Console"/>, the named local administrator at the server's console
/// (the CLI), who may do everything.
/// </summary>
public sealed record Actor(Guid? AccountId, string Email, IReadOnlyList<RoleAssignment> Roles)
{
    /// <summary>The session the actor acts through (null for the console); the step-up rule reads its last second-factor check.</summary>
    public Guid? SessionId { get; init; }

    /// <summary>
    /// The CLI: an Administrator over all domains named <c>cli</c>, with no account and no session (so no step-up);
    /// its actions are audited as <see cref="Audit.AuditContext.Cli"/>.
    /// </summary>
    public static Actor Console { get; } = new(null, "cli", [new RoleAssignment { Role = Role.Administrator }]);

    public bool IsGlobalAdministrator => Roles.Any(r => r.Role == Role.Administrator && r.Domain is null);

    /// <summary>The highest role this actor holds in <paramref name="domain"/> (a global Administrator holds it everywhere), or null.</summary>
    public Role? RoleIn(string domain)
    {
        if (IsGlobalAdministrator)
        {
            return Role.Administrator;
        }

        var roles = Roles.Where(r => r.Role != Role.User && string.Equals(r.Domain, domain, StringComparison.Ordinal)).Select(r => (Role?)r.Role);
        return roles.Max();
    }

    /// <summary>The domains this actor may manage anything in; null means all of them.</summary>
    public IReadOnlyList<string>? ManagedDomains =>
        IsGlobalAdministrator ? null : [.. Roles.Where(r => r.Role >= Role.Operator && r.Domain is not null).Select(r => r.Domain!).Distinct(StringComparer.Ordinal)];
}
