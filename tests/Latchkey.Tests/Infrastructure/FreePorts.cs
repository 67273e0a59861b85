using System.Net;
using System.Net.Sockets;

namespace Latchkey.Tests.Infrastructure;

/// <summary>A port on 127.0.0.1 that nothing listens on now, for a server a test starts (never a fixed port).</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
