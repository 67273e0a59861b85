using Latchkey.Core.Audit;

namespace Latchkey.Core.Store;

/// <summary>What <see cref="RestoreStoreHandler"/> did: the backup's schema version, the version after upgrading, and the audit chain's state.</summary>
public sealed record RestoredStore(int BackupVersion, int SchemaVersion, AuditChainReport Audit);
