using Fido2NetLib;
using Latchkey.Core.Data;
using Microsoft.Extensions.Options;

namespace Latchkey.Core.TwoFactor;

/// <summary>
/// Latchkey as a WebAuthn relying party: its id is the host of <see cref="LatchkeyOptions.PublicUrl"/> and the only
/// origin accepted is that URL's origin, so an answer signed for any other site (phishing) is refused.
/// </summary>
public sealed class PasskeyRelyingParty(IOptions<LatchkeyOptions> options)
{
    public const string Name = "Latchkey";

    private readonly Lazy<Fido2> _fido2 = new(() => Create(options.Value.PublicUrl));

    /// <summary>The Fido2 library configured for this relying party.</summary>
    public Fido2 Fido2 => _fido2.Value;

    /// <summary>The relying party id (the public URL's host).</summary>
    public string Id => new Uri(options.Value.PublicUrl).Host;

    private static Fido2 Create(string publicUrl)
    {
        var uri = new Uri(publicUrl);
        return new Fido2(new Fido2Configuration
        {
            RPID = uri.Host,
            RPName = Name,
            Origins = new HashSet<string>([uri.GetLeftPart(UriPartial.Authority)], StringComparer.OrdinalIgnoreCase),
            TimestampDriftTolerance = 300000,
        });
    }
}
