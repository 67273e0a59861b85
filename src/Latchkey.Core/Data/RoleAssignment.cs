namespace Latchkey.Core.Data;

/// <summary>
/// One role held by an account, either in one domain (<see cref="Domain"/> set) or everywhere
/// (<see cref="Domain"/> null, as Administrators hold it).
/// </summary>
public sealed class RoleAssignment
{
    public Guid Id { get; set; }

    public Guid AccountId { get; set; }

    public Role Role { get; set; }

    public string? Domain { get; set; }
}
