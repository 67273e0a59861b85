namespace Latchkey.Core.Data;

/// <summary>Roles in increasing order of power: a role may only act on accounts whose highest role is lower.</summary>
public enum Role
{
    User = 0,
    Operator = 1,
    Manager = 2,
    Administrator = 3,
}
