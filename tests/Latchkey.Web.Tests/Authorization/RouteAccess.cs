namespace Latchkey.Web.Tests.Authorization;

/// <summary>
/// One API route (<c>METHOD /pattern</c>) or page handler (<c>PAGE /route METHOD Handler</c>) with its
/// <see cref="AccessRule"/>, and for a probed rule what to send: a JSON body or form fields, built from the probe's
/// domain and target account, and extra query text.
/// </summary>
public sealed record RouteAccess(string Key, AccessRule Rule, Func<ProbeTarget, object>? Json = null, Func<ProbeTarget, Dictionary<string, string>>? Form = null, string? Query = null)
{
    public bool IsPage => Key.StartsWith("PAGE ", StringComparison.Ordinal);

    public string Method => IsPage ? Key.Split(' ')[2] : Key.Split(' ')[0];

    /// <summary>The request's path and query for <paramref name="target"/>.</summary>
    public string Url(ProbeTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var parts = Key.Split(' ');
        var path = (IsPage ? parts[1] : parts[1])
            .Replace("{id:guid}", target.AccountId.ToString(), StringComparison.Ordinal)
            .Replace("{tokenId:guid}", Guid.NewGuid().ToString(), StringComparison.Ordinal)
            .Replace("{name}", target.Domain, StringComparison.Ordinal);
        var query = new List<string>();
        if (IsPage && parts.Length > 3)
        {
            query.Add("handler=" + parts[3]);
        }

        if (Query is not null)
        {
            query.Add(Query.Replace("{domain}", target.Domain, StringComparison.Ordinal));
        }

        return query.Count == 0 ? path : path + "?" + string.Join("&", query);
    }

    public override string ToString() => Key;
}

/// <summary>What a probe acts on: a fresh User account in a fresh domain.</summary>
public sealed record ProbeTarget(string Domain, Guid AccountId);
