using System.Security.Cryptography;
using Latchkey.Core.Data;
using Latchkey.Tests.Infrastructure;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Latchkey.Tests.Data;

/// <summary>Finding 3 of issue 14: the Data Protection keys in the store are useless without the key file beside it.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class DataProtectionKeyEncryptionTests
{
    [Fact]
    public async Task Protect_FirstKey_StoredEncryptedUnderA0600KeyFile_AnotherKeyFileCannotUseIt()
    {
        using var host = new CoreTestHost();
        string protectedText;
        await using (var scope = host.CreateScope())
        {
            protectedText = scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Protect("secret");
        }

        await using (var scope = host.CreateScope())
        {
            var xml = await scope.ServiceProvider.GetRequiredService<LatchkeyDbContext>().DataProtectionKeys.Select(k => k.Xml).SingleAsync();
            xml.ShouldContain("encryptedSecret");
            xml.ShouldContain(nameof(KeyFileXmlDecryptor));
            xml.ShouldNotContain("<masterKey");
        }

        var keyFile = Path.Combine(host.Store.DataDirectory, "latchkey.key");
        File.GetUnixFileMode(keyFile).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite);
        new FileInfo(keyFile).Length.ShouldBe(StoreKeyFile.KeyBytes);
        using var copy = new CoreTestHost(new() { ["Latchkey:KeyFile"] = Path.Combine(host.Store.DataDirectory, "other", "latchkey.key") }, host.Store, migrate: false);
        await using (var scope = copy.CreateScope())
        {
            Should.Throw<CryptographicException>(() => scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText));
        }

        using var sameKey = new CoreTestHost(null, host.Store, migrate: false);
        await using (var scope = sameKey.CreateScope())
        {
            scope.ServiceProvider.GetRequiredService<IDataProtectionProvider>().CreateProtector("test").Unprotect(protectedText).ShouldBe("secret");
        }
    }
}
