using Latchkey.Core.Tokens;

namespace Latchkey.Api.Tokens;

/// <summary>A new token: the listed fields and the <c>token</c> itself, which no later answer contains.</summary>
public sealed record CreatedTokenResponse(Guid Id, string Name, IReadOnlyList<string> Scopes, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? LastUsedAt, string Token)
{
    public static CreatedTokenResponse From(CreatedApiToken created)
    {
        ArgumentNullException.ThrowIfNull(created);
        var t = created.Token;
        return new CreatedTokenResponse(t.Id, t.Name, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, created.Secret);
    }
}
