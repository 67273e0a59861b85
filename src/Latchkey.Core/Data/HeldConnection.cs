using Microsoft.EntityFrameworkCore;

namespace Latchkey.Core.Data;

/// <summary>
/// Keeps a context's connection open across the statements of one step (EF otherwise opens and closes it, from the
/// pool, around each one); disposing closes it again. The sign-in holds one for the statements before the hash and
/// one for those after it, never across the hash, so a flood waiting for hashing holds no connections.
/// </summary>
public readonly struct HeldConnection : IAsyncDisposable
{
    private readonly DbContext _db;

    private HeldConnection(DbContext db) => _db = db;

    /// <summary>Opens <paramref name="db"/>'s connection until the returned value is disposed.</summary>
    public static async Task<HeldConnection> OpenAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new HeldConnection(db);
    }

    public ValueTask DisposeAsync() => new(_db.Database.CloseConnectionAsync());
}
