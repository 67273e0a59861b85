namespace Latchkey.Http;

/// <summary>
/// Which requests are API requests: they get problem details, never a page or a redirect to /login. The API
/// reference page and its assets (<see cref="ReferencePath"/>, mapped by Api/ApiReference) are panel pages.
/// </summary>
internal static class ApiPaths
{
    /// <summary>The API reference page (Scalar).</summary>
    public const string ReferencePath = "/api";

    private static readonly string[] _referencePaths = [ReferencePath, ReferencePath + "/", ReferencePath + "/scalar.js", ReferencePath + "/scalar.aspnetcore.js"];

    public static bool IsApi(PathString path) =>
        (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !IsReference(path))
        || path.StartsWithSegments("/dovecot", StringComparison.OrdinalIgnoreCase);

    /// <summary>The reference page and its assets are panel pages, not API answers (a redirect to /login, HTML errors).</summary>
    public static bool IsReference(PathString path) => path.HasValue && _referencePaths.Contains(path.Value, StringComparer.OrdinalIgnoreCase);
}
