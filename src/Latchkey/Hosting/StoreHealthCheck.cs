using Latchkey.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Latchkey.Hosting;

/// <summary>Healthy when the store answers a query on the schema journal: reachable and migrated.</summary>
internal sealed class StoreHealthCheck(LatchkeyDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var versions = await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM schema_versions").SingleAsync(cancellationToken);
            return versions > 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The store has no schema.");
        }
#pragma warning disable CA1031 // Any failure to reach the store is "unhealthy", whatever its type.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The store is unreachable.", exception);
        }
    }
}
