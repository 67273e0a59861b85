using Latchkey.Core.Access;
using Latchkey.Core.Common;
using Latchkey.Core.Data;

namespace Latchkey.Tests.Accounts;

/// <summary>Every boundary of the role table: who may act on whom, in which domain, and who may grant what.</summary>
public sealed class AccessPolicyTests
{
    private static readonly Actor _admin = Actor("admin@corp.example", (Role.Administrator, null));
    private static readonly Actor _manager = Actor("manager@corp.example", (Role.Manager, "a.example"));
    private static readonly Actor _operator = Actor("operator@corp.example", (Role.Operator, "a.example"));
    private static readonly Actor _user = Actor("user@a.example", (Role.User, "a.example"));

    public static TheoryData<string, string, Role, AdminAction, bool> Matrix => new()
    {
        { "operator", "a.example", Role.User, AdminAction.ResetPassword, true },
        { "operator", "a.example", Role.User, AdminAction.Unlock, true },
        { "operator", "a.example", Role.User, AdminAction.RevokeSessions, true },
        { "operator", "a.example", Role.User, AdminAction.RequireChange, true },
        { "operator", "a.example", Role.User, AdminAction.Disable, false },
        { "operator", "a.example", Role.Operator, AdminAction.ResetPassword, false },
        { "operator", "a.example", Role.Manager, AdminAction.ResetPassword, false },
        { "operator", "a.example", Role.Administrator, AdminAction.Unlock, false },
        { "operator", "b.example", Role.User, AdminAction.ResetPassword, false },
        { "manager", "a.example", Role.User, AdminAction.Disable, true },
        { "manager", "a.example", Role.Operator, AdminAction.ResetPassword, true },
        { "manager", "a.example", Role.Manager, AdminAction.ResetPassword, false },
        { "manager", "a.example", Role.Administrator, AdminAction.ResetPassword, false },
        { "manager", "b.example", Role.User, AdminAction.ResetPassword, false },
        { "admin", "b.example", Role.Manager, AdminAction.Disable, true },
        { "admin", "a.example", Role.Administrator, AdminAction.ResetPassword, true },
        { "user", "a.example", Role.User, AdminAction.ResetPassword, false },
        { "user", "a.example", Role.User, AdminAction.View, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void CanActOn_RoleTable(string who, string domain, Role targetRole, AdminAction action, bool allowed)
    {
        var target = Target(domain, targetRole);

        var refusal = AccessPolicy.CanActOn(ActorNamed(who), target, action);

        if (allowed)
        {
            refusal.ShouldBeNull();
        }
        else
        {
            refusal!.Code.ShouldBe(ErrorCodes.Forbidden);
        }
    }

    [Theory]
    [InlineData("manager", Role.User, "a.example", true)]
    [InlineData("manager", Role.Operator, "a.example", true)]
    [InlineData("manager", Role.Manager, "a.example", false)]
    [InlineData("manager", Role.Administrator, null, false)]
    [InlineData("manager", Role.Operator, "b.example", false)]
    [InlineData("operator", Role.Manager, "a.example", false)]
    [InlineData("operator", Role.Operator, "a.example", false)]
    [InlineData("operator", Role.User, "a.example", false)]
    [InlineData("user", Role.User, "a.example", false)]
    [InlineData("admin", Role.Administrator, null, true)]
    public void CanGrant_ManagersOperatorInOwnDomainsOnlyAdministratorsTheRest(string who, Role role, string? domain, bool allowed) =>
        (AccessPolicy.CanGrant(ActorNamed(who), role, domain) is null).ShouldBe(allowed);

    [Fact]
    public void CanActInDomain_CreateNeedsManager()
    {
        AccessPolicy.CanActInDomain(_operator, "a.example", AdminAction.Create).ShouldNotBeNull();
        AccessPolicy.CanActInDomain(_manager, "a.example", AdminAction.Create).ShouldBeNull();
        AccessPolicy.CanActInDomain(_manager, "b.example", AdminAction.EditPolicy).ShouldNotBeNull();
        AccessPolicy.CanActInDomain(_admin, "b.example", AdminAction.EditPolicy).ShouldBeNull();
    }

    [Fact]
    public void ManagedDomains_AdministratorAllOthersTheirs()
    {
        _admin.ManagedDomains.ShouldBeNull();
        _manager.ManagedDomains.ShouldBe(["a.example"]);
        _user.ManagedDomains!.ShouldBeEmpty();
    }

    private static Actor ActorNamed(string who) => who switch
    {
        "admin" => _admin,
        "manager" => _manager,
        "operator" => _operator,
        _ => _user,
    };

    private static Actor Actor(string email, params (Role Role, string? Domain)[] roles) =>
        new(Guid.NewGuid(), email, [.. roles.Select(r => new RoleAssignment { Role = r.Role, Domain = r.Domain })]);

    private static Account Target(string domain, Role role) =>
        new() { Email = $"target@{domain}", Domain = domain, Roles = [new RoleAssignment { Role = role, Domain = role == Role.Administrator ? null : domain }] };
}
