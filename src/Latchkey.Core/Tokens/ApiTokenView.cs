using Latchkey.Core.Data;
namespace Latchkey.Core.Tokens;

/// <summary>A token as listed (never the secret): <c>{"id","name","scopes","createdAt","expiresAt","lastUsedAt"}</c>.</summary>
public sealed record ApiTokenView(Guid Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt)
{
    public static ApiTokenView From(ApiToken token)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new ApiTokenView(token.Id, token.Name, ApiTokenScopes.Split(token.Scopes), token.CreatedAt, token.ExpiresAt, token.LastUsedAt);
    }
}
