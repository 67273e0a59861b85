namespace Latchkey.Core.TwoFactor;

/// <summary>Who in a domain must have a second factor. Stored lower-case in <c>domains.TwoFactorRequirement</c>.</summary>
internal enum TwoFactorRequirement
{
    Nobody,

    /// <summary>Operators, Managers and Administrators.</summary>
    Privileged,

    Everyone,
}
