namespace Latchkey.Core.Access;

/// <summary>
/// What one account may do to another, in a domain, or over the whole service; <see cref="AccessPolicy"/> says which
/// role each needs.
/// </summary>
public enum AdminAction
{
    View,
    ResetPassword,
    RequireChange,
    Unlock,
    RevokeSessions,

    /// <summary>Remove every second factor (TOTP, passkeys, recovery codes) of an account that lost them.</summary>
    ResetSecondFactor,
    Create,
    Disable,
    EditPolicy,

    /// <summary>List the accounts of the domains one manages (the helpdesk's list).</summary>
    ListAccounts,

    /// <summary>List the domains one manages.</summary>
    ListDomains,

    /// <summary>Add a domain (Administrators over all domains).</summary>
    AddDomain,

    /// <summary>Read or export the audit log (Administrators over all domains).</summary>
    ReadAudit,

    /// <summary>List and register OpenID Connect clients (Administrators over all domains).</summary>
    ManageClients,

    /// <summary>Import accounts from a CSV file, in any domain and with any role (Administrators over all domains).</summary>
    ImportAccounts,
}
