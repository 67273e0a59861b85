namespace Latchkey.Web.Tests.Infrastructure;

/// <summary>
/// Tests that read a host's exported metrics run in this collection, after the parallel classes and alone.
/// </summary>
/// <remarks>
/// Every test host in the process builds an OpenTelemetry meter provider whose listener is process-wide, so it also
/// subscribes to the other hosts' "Microsoft.AspNetCore.Hosting" meters, whose instruments share one identity with its
/// own. When another test's host is disposed mid-test, its instruments complete and the shared
/// <c>http.server.request.duration</c> stream can be dropped from this host's export (seen once in a full run: the
/// metric never appeared in 5 s of scrapes; OpenTelemetry .NET issue 6412, "Disposing a Meter causes all Meters with
/// the same name to stop working"). In production one process holds one host, so only the tests need this.
/// </remarks>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsAlone
{
    public const string Name = "Metrics, alone";
}
