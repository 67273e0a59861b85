using Latchkey.Core.Notifications;
using Microsoft.Extensions.Localization;

namespace Latchkey.Localization;

/// <summary>The way a login came, as people know it, in the request's language (IMAP and SMTP are not translated).</summary>
internal static class Protocols
{
    public static string Name(IStringLocalizer<Text> text, string protocol)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Equals(protocol, "web", StringComparison.OrdinalIgnoreCase) ? text["the web panel"] : StaleDeviceEmail.ProtocolName(protocol);
    }
}
