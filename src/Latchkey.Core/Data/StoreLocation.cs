namespace Latchkey.Core.Data;

/// <summary>Where the configured store is (a file path or a database name) and whether it holds a migrated store.</summary>
public sealed record StoreLocation(string Location, bool Exists);
