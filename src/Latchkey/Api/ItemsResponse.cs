namespace Latchkey.Api;

/// <summary>Every list answers <c>{"items":[…],"total":N}</c>.</summary>
public sealed record ItemsResponse<T>(IReadOnlyList<T> Items, int Total);
