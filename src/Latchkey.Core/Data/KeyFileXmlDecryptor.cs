using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Core.Data;

/// <summary>
/// Reverses <see cref="KeyFileXmlEncryptor"/>. Data Protection creates it by type name from the stored XML, with the
/// service provider, so the key comes from the same <see cref="StoreKeyFile"/>; a wrong key file fails the GCM tag.
/// </summary>
internal sealed class KeyFileXmlDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        ArgumentNullException.ThrowIfNull(encryptedElement);
        var sealedBytes = Convert.FromBase64String((string?)encryptedElement.Element("value") ?? throw new CryptographicException("The encrypted key has no value."));
        if (sealedBytes.Length < KeyFileXmlEncryptor.NonceBytes + KeyFileXmlEncryptor.TagBytes)
        {
            throw new CryptographicException("The encrypted key is too short.");
        }

        var plaintext = new byte[sealedBytes.Length - KeyFileXmlEncryptor.NonceBytes - KeyFileXmlEncryptor.TagBytes];
        using (var aes = new AesGcm(services.GetRequiredService<StoreKeyFile>().Key, KeyFileXmlEncryptor.TagBytes))
        {
            aes.Decrypt(
                sealedBytes.AsSpan(0, KeyFileXmlEncryptor.NonceBytes),
                sealedBytes.AsSpan(KeyFileXmlEncryptor.NonceBytes + KeyFileXmlEncryptor.TagBytes),
                sealedBytes.AsSpan(KeyFileXmlEncryptor.NonceBytes, KeyFileXmlEncryptor.TagBytes),
                plaintext);
        }

        try
        {
            return XElement.Parse(Encoding.UTF8.GetString(plaintext));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(plaintext);
        }
    }
}
