namespace Latchkey.Core.Tokens;

/// <summary>
/// What a token may reach. A request needs both: the endpoint's scope in the token, and the account's role for what
/// the endpoint does (the Core handlers check roles exactly as for a cookie session).
/// </summary>
public static class ApiTokenScopes
{
    /// <summary>The account's own <c>/me</c> endpoints.</summary>
    public const string Account = "account";

    /// <summary>Read accounts, domains and locks the account's roles let it see.</summary>
    public const string AccountsRead = "accounts:read";

    /// <summary>Act on accounts and domains the account's roles let it act on.</summary>
    public const string AccountsWrite = "accounts:write";

    public const string AuditRead = "audit:read";

    public static IReadOnlyList<string> All { get; } = [Account, AccountsRead, AccountsWrite, AuditRead];

    /// <summary>The distinct known scopes in their canonical order, or the first unknown one.</summary>
    public static (IReadOnlyList<string> Scopes, string? Unknown) Parse(IEnumerable<string>? scopes)
    {
        var given = (scopes ?? []).SelectMany(s => (s ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)).ToList();
        if (given.FirstOrDefault(s => !All.Contains(s, StringComparer.Ordinal)) is { } unknown)
        {
            return ([], unknown);
        }

        return ([.. All.Where(given.Contains)], null);
    }

    public static IReadOnlyList<string> Split(string stored) =>
        stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
