namespace Latchkey.Core.Store;

/// <summary>A backup written by <see cref="BackupStoreHandler"/>: where, which schema version, how large.</summary>
public sealed record StoreBackup(string Path, int SchemaVersion, long Bytes);
