using Latchkey.Core.Data;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Latchkey.Hosting;

/// <summary>
/// The address the console prints at start (the setup link, where to sign in): <c>Latchkey:PublicUrl</c> when it is
/// configured (<see cref="PublicUrlSetting"/>), else the first address the server listens on.
/// </summary>
internal sealed class ConsoleAddress(IServer server, IConfiguration configuration)
{
    public string Resolve() =>
        (PublicUrlSetting.Configured(configuration)
            ?? server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? WebOptions.DefaultUrl).TrimEnd('/');
}
