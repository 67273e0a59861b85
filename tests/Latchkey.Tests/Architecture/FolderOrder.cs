namespace Latchkey.Tests.Architecture;

/// <summary>
/// The folders of Latchkey.Core, bottom to top: a folder may use the folders below it and never one above it. This
/// is the one place the order is written in code; docs/architecture.md gives each folder's reason.
/// </summary>
internal static class FolderOrder
{
    public static IReadOnlyList<string> BottomToTop { get; } =
    [
        "Common",
        "Data",
        "Audit",
        "Store",
        "Access",
        "Notifications",
        "Sessions",
        "Lockout",
        "Tokens",
        "Passwords",
        "Domains",
        "Accounts",
        "Mailboxes",
        "SignIn",
        "TwoFactor",
        "Oidc",
        "Helpdesk",
    ];
}
