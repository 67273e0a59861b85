namespace Latchkey.Core.TwoFactor;

/// <summary>Who in a domain must have a second factor. Stored lower-case in <c>domains.TwoFactorRequirement</c>.</summary>
public enum TwoFactorRequirement
{
    Nobody,

    /// <summary>Operators, Managers and Administrators.</summary>
    Privileged,

    Everyone,
}
