using Latchkey.Core.Common;
using Latchkey.Core.Data;

namespace Latchkey.Core.Access;

/// <summary>
/// The role boundaries, in one place for pages, API and CLI (DESIGN.md "Who uses it"; OWASP ASVS 5.0 V8.2.1–8.2.2:
/// function- and data-level authorization on the server, checked on every request).
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Operators reset, unlock, require a change and end sessions, only in the domains assigned to them.</item>
/// <item>Managers also create and disable accounts and edit the domain's password policy, in their domains.</item>
/// <item>Administrators do everything, in every domain.</item>
/// <item>Nobody but an Administrator acts on an account whose highest role is not strictly lower than their own
/// role in its domain: an Operator acts on Users only, a Manager on Users and Operators.</item>
/// <item>Roles are given by Administrators; a Manager may grant Operator (or User) in their own domains and nothing
/// above (DESIGN.md "Who uses it"); Operators grant nothing.</item>
/// <item>The helpdesk's lists need Operator or more in some domain; adding domains, the audit log, OpenID Connect
/// clients and imports need an Administrator over all domains (<see cref="CanDo"/>).</item>
/// </list>
/// The Core handlers call it (an account through <see cref="AccountAccess"/>); pages, endpoints and CLI verbs only
/// pass the actor in and map the refusal (docs/architecture.md "Authorization: one pattern").
/// </remarks>
public static class AccessPolicy
{
    public static Role MinimumRole(AdminAction action) => action switch
    {
        AdminAction.View or AdminAction.ResetPassword or AdminAction.RequireChange or AdminAction.Unlock or AdminAction.RevokeSessions
            or AdminAction.ResetSecondFactor or AdminAction.ListAccounts or AdminAction.ListDomains => Role.Operator,
        AdminAction.Create or AdminAction.Disable or AdminAction.EditPolicy => Role.Manager,
        _ => Role.Administrator,
    };

    /// <summary>Null when <paramref name="actor"/> may do <paramref name="action"/> to <paramref name="target"/>; else the refusal.</summary>
    public static Failure? CanActOn(Actor actor, Account target, AdminAction action)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(target);
        var own = actor.RoleIn(target.Domain);
        if (own is null || own < MinimumRole(action))
        {
            return Refuse($"You cannot {Describe(action)} accounts in {target.Domain}.");
        }

        var targetRole = HighestRole(target.Roles);
        if (!actor.IsGlobalAdministrator && targetRole >= own)
        {
            return Refuse($"A {own} cannot {Describe(action)} a {targetRole}'s account.");
        }

        return null;
    }

    /// <summary>Null when <paramref name="actor"/> may do <paramref name="action"/> in <paramref name="domain"/> itself (create, policy).</summary>
    public static Failure? CanActInDomain(Actor actor, string domain, AdminAction action)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var own = actor.RoleIn(domain);
        return own is null || own < MinimumRole(action) ? Refuse($"You cannot {Describe(action)} in {domain}.") : null;
    }

    /// <summary>
    /// Null when <paramref name="actor"/> may do <paramref name="action"/>, which concerns no one account or domain: the
    /// helpdesk's lists need Operator or more in some domain (each list then shows only those domains); adding a
    /// domain, the audit log and the OpenID Connect clients need an Administrator over all domains (a role held with
    /// no domain).
    /// </summary>
    public static Failure? CanDo(Actor actor, AdminAction action)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var allowed = MinimumRole(action) == Role.Administrator ? actor.IsGlobalAdministrator : actor.ManagedDomains is not { Count: 0 };
        return allowed ? null : Refuse(action switch
        {
            AdminAction.ListAccounts => "Only operators, managers and administrators list accounts.",
            AdminAction.ListDomains => "Only operators, managers and administrators list domains.",
            AdminAction.AddDomain => "Only Administrators add domains.",
            AdminAction.ReadAudit => "Only administrators may read the audit log.",
            AdminAction.ManageClients => "Only administrators register OpenID Connect clients.",
            _ => $"Only administrators may {Describe(action)}.",
        });
    }

    /// <summary>
    /// Null when <paramref name="actor"/> may give <paramref name="role"/> scoped to <paramref name="domain"/> (null: global):
    /// Administrators any role, Managers at most Operator in a domain they manage, nobody else anything.
    /// </summary>
    public static Failure? CanGrant(Actor actor, Role role, string? domain)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (actor.IsGlobalAdministrator)
        {
            return null;
        }

        if (role == Role.Administrator || domain is null)
        {
            return Refuse("Only an Administrator can grant Administrator or roles outside a domain.");
        }

        var own = actor.RoleIn(domain);
        return own is not Role.Manager || role > Role.Operator ? Refuse($"You cannot grant {role} in {domain}: Managers grant Operator in their own domains, Administrators everything else.") : null;
    }

    /// <summary>
    /// Null when <paramref name="actor"/> may change the roles of <paramref name="target"/> (act on it as for
    /// <see cref="AdminAction.Create"/>) and give or take <paramref name="role"/> in <paramref name="domain"/> (<see cref="CanGrant"/>).
    /// </summary>
    public static Failure? CanChangeRole(Actor actor, Account target, Role role, string? domain) =>
        CanActOn(actor, target, AdminAction.Create) ?? CanGrant(actor, role, domain);

    /// <summary>
    /// Null when <paramref name="actor"/> may reset the password of <paramref name="target"/> and, when
    /// <paramref name="requireChange"/>, also require a change at its next sign-in.
    /// </summary>
    public static Failure? CanResetPassword(Actor actor, Account target, bool requireChange) =>
        CanActOn(actor, target, AdminAction.ResetPassword) ?? (requireChange ? CanActOn(actor, target, AdminAction.RequireChange) : null);

    public static Role HighestRole(IEnumerable<RoleAssignment> roles) =>
        roles.Select(r => r.Role).DefaultIfEmpty(Role.User).Max();

    private static Failure Refuse(string message) => new(ErrorCodes.Forbidden, message);

    private static string Describe(AdminAction action) => action switch
    {
        AdminAction.View => "view",
        AdminAction.ResetPassword => "reset the password of",
        AdminAction.RequireChange => "require a password change of",
        AdminAction.Unlock => "unlock",
        AdminAction.RevokeSessions => "end the sessions of",
        AdminAction.ResetSecondFactor => "reset the second factor of",
        AdminAction.Create => "create accounts",
        AdminAction.Disable => "disable or enable",
        AdminAction.EditPolicy => "edit the password policy",
        AdminAction.ImportAccounts => "import accounts",
        _ => action.ToString(),
    };
}
