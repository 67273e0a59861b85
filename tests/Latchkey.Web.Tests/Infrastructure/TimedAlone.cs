namespace Latchkey.Web.Tests.Infrastructure;

/// <summary>
/// Tests that measure a latency target (the back-channel logout's second) run in this collection: xUnit runs it after
/// the parallel classes, alone, so the figure is the product's and not that of other test servers sharing two cores
/// with it (the browser twin once measured 2 s, not the usual 70–100 ms, next to the accessibility walk).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedAlone
{
    public const string Name = "Timed, alone";
}
