namespace Latchkey.Hosting;

internal static class ApiPaths
{
    public static bool IsApi(PathString path) =>
        path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/dovecot", StringComparison.OrdinalIgnoreCase);
}
