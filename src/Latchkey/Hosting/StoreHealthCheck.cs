using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Latchkey.Hosting;

/// <summary>
/// Healthy when the store answers a query on the schema journal (reachable and migrated), SQLite's data directory
/// takes a write (not read-only, not full), and no request met an unavailable store in the last 30 seconds.
/// </summary>
internal sealed class StoreHealthCheck(LatchkeyDbContext db, StoreFaultMonitor faults, IOptions<DatabaseOptions> database, IOptions<LatchkeyOptions> latchkey) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var versions = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM schema_versions").SingleAsync(cancellationToken);
            if (versions == 0)
            {
                return HealthCheckResult.Unhealthy("The store has no schema.");
            }

            if (database.Value.ParsedProvider == DatabaseProvider.Sqlite)
            {
                StoreFiles.EnsureWritable(Path.GetDirectoryName(db.Database.GetDbConnection().DataSource) is { Length: > 0 } folder ? folder : latchkey.Value.FullDataDirectory);
            }

            return faults.SeenRecently() ? HealthCheckResult.Unhealthy("A request met an unavailable store in the last 30 seconds.") : HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // Any failure to reach the store is "unhealthy", whatever its type.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The store is unreachable, read-only or full.", exception);
        }
    }
}
