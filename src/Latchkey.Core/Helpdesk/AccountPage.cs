namespace Latchkey.Core.Helpdesk;

/// <summary>One page of accounts: the API's <c>{"items":[…],"total":N}</c>.</summary>
public sealed record AccountPage(IReadOnlyList<AccountView> Items, int Total);
