using System.ComponentModel.DataAnnotations;

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

    /// <summary>How long a refusal that says "retry later" (429, 503 with Retry-After) is held before it is sent (<see cref="RefusalPacing"/>); zero sends at once.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:30")]
    public TimeSpan RefusalDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>At most this many refusals are held at once; past it they are sent at once.</summary>
    [Range(0, 100_000)]
    public int MaxHeldRefusals { get; set; } = 1024;
}
