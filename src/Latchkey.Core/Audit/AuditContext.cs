namespace Latchkey.Core.Audit;

/// <summary>Who is acting and from where: the web request, or the local CLI (<see cref="Cli"/>).</summary>
public sealed record AuditContext(Guid? ActorId, string? ActorEmail, string? Ip, string? UserAgent)
{
    /// <summary>An administrator at the server's console.</summary>
    public static AuditContext Cli { get; } = new(null, "cli", "local", "latchkey-cli");

    public static AuditContext Anonymous(string? ip, string? userAgent) => new(null, null, ip, userAgent);
}
