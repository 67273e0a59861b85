using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace Latchkey.Core.Data;

/// <summary>
/// Encrypts each Data Protection key's XML with AES-256-GCM under the <see cref="StoreKeyFile"/> before it goes to the
/// store: <c>&lt;encryptedKey&gt;&lt;value&gt;base64(nonce | tag | ciphertext)&lt;/value&gt;&lt;/encryptedKey&gt;</c>.
/// </summary>
internal sealed class KeyFileXmlEncryptor(StoreKeyFile keyFile) : IXmlEncryptor
{
    internal const int NonceBytes = 12;
    internal const int TagBytes = 16;

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        ArgumentNullException.ThrowIfNull(plaintextElement);
        var plaintext = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[NonceBytes + TagBytes + plaintext.Length];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(keyFile.Key, TagBytes))
        {
            aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes + TagBytes), sealedBytes.AsSpan(NonceBytes, TagBytes));
        }

        CryptographicOperations.ZeroMemory(plaintext);
        var element = new XElement("encryptedKey", new XComment(" Encrypted with the Latchkey key file (Latchkey:KeyFile). "), new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(KeyFileXmlDecryptor));
    }
}
