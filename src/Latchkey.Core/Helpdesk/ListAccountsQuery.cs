namespace Latchkey.Core.Helpdesk;

/// <summary>Filters for the account list; <see cref="Page"/> starts at 1.</summary>
public sealed record ListAccountsQuery(
    string? Domain = null,
    string? Search = null,
    bool? Locked = null,
    int Page = 1,
    int PageSize = 50,
    bool? Disabled = null,
    bool? MustChangePassword = null,
    bool? SecondFactor = null);
