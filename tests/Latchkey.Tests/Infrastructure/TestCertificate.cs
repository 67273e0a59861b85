using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Latchkey.Tests.Infrastructure;

/// <summary>
/// A self-signed certificate made for one test (ECDSA P-256, valid for <c>localhost</c> and 127.0.0.1, one day),
/// written as PEM files to a folder of its own, with its SHA-256 fingerprint as <c>openssl x509 -fingerprint</c> prints it.
/// </summary>
public sealed class TestCertificate : IDisposable
{
    private readonly string _folder;

    private TestCertificate(string folder, string sha256)
    {
        _folder = folder;
        Sha256 = sha256;
    }

    public string CertificatePath => Path.Combine(_folder, "cert.pem");

    public string KeyPath => Path.Combine(_folder, "key.pem");

    public string Sha256 { get; }

    public static TestCertificate Create(string commonName = "smtp.test")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        var now = TimeProvider.System.GetUtcNow();
        using var certificate = request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));

        var folder = Directory.CreateTempSubdirectory("latchkey-cert-").FullName;
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
        var sha256 = string.Join(':', SHA256.HashData(certificate.RawData).Select(b => b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)));
        return new TestCertificate(folder, sha256);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
