using Latchkey.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Browser.Tests.Infrastructure;

/// <summary>The real host on Kestrel at 127.0.0.1 on a free port, for a real browser.</summary>
public sealed class LiveServer : LatchkeyWebFactory
{
    public LiveServer()
        : this([])
    {
    }

    /// <summary>
    /// A server with extra configuration <paramref name="settings"/> (applied before it starts), on
    /// <paramref name="port"/> when the configuration must name its address (else a port the OS picks).
    /// </summary>
    public LiveServer(Dictionary<string, string?> settings, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(settings);
        foreach (var (key, value) in settings)
        {
            Settings[key] = value;
        }

        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
        StartServer();
        BaseUrl = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    }

    public string BaseUrl { get; }
}
