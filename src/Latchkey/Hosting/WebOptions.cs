namespace Latchkey.Hosting;

/// <summary>
/// <c>Latchkey:Web</c>. <see cref="KnownProxies"/> (default: none) lists the reverse proxies or load balancers whose
/// <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed. Only then do sessions, the audit log and the lockout
/// see the client's real address; from anyone else the headers are ignored, so a client cannot pick its own address.
/// </summary>
public sealed class WebOptions
{
    public const string SectionName = "Latchkey:Web";

    /// <summary>Where the server listens when no <c>urls</c> or ports are configured.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    public List<string> KnownProxies { get; set; } = [];
}
