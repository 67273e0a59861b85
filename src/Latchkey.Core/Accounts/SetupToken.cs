using System.Security.Cryptography;
using System.Text;
using Latchkey.Core.Sessions;

namespace Latchkey.Core.Accounts;

/// <summary>
/// The one-time token of the setup link, held in memory only (its SHA-256), valid until the first Administrator
/// exists or it has been used once.
/// </summary>
public sealed class SetupToken
{
    private byte[]? _hash;

    public bool IsActive => Volatile.Read(ref _hash) is not null;

    public string Issue()
    {
        var token = SessionTokens.NewToken();
        Volatile.Write(ref _hash, SHA256.HashData(Encoding.ASCII.GetBytes(token)));
        return token;
    }

    public bool Matches(string? token)
    {
        var hash = Volatile.Read(ref _hash);
        return hash is not null && token is { Length: > 0 and <= 128 }
            && CryptographicOperations.FixedTimeEquals(hash, SHA256.HashData(Encoding.UTF8.GetBytes(token)));
    }

    /// <summary>Spends the token; true for exactly one caller.</summary>
    public bool TryConsume(string? token)
    {
        var hash = Volatile.Read(ref _hash);
        return Matches(token) && Interlocked.CompareExchange(ref _hash, null, hash) == hash;
    }
}
