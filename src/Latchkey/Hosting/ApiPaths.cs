namespace Latchkey.Hosting;

internal static class ApiPaths
{
    public static bool IsApi(PathString path) =>
        (path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase) && !Api.ApiReference.Owns(path))
        || path.StartsWithSegments("/dovecot", StringComparison.OrdinalIgnoreCase);
}
