namespace Latchkey.Browser.Tests.Infrastructure;

/// <summary>
/// Tests that measure a latency target (the back-channel logout's second) run in this collection: xUnit runs it after
/// the parallel classes, alone, so the figure is the product's and not that of two Chromiums and servers sharing two
/// cores with it (a run in parallel with the accessibility walk once measured 2 s instead of the usual 70–100 ms).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimedAlone
{
    public const string Name = "Timed, alone";
}
