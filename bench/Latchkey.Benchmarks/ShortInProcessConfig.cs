using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Latchkey.Benchmarks;

/// <summary>A short run (10 iterations) in process: enough for the figures in docs/benchmarks.md on a 2-core machine.</summary>
internal sealed class ShortInProcessConfig : ManualConfig
{
    public ShortInProcessConfig() => AddJob(Job.ShortRun.WithIterationCount(10).WithToolchain(InProcessEmitToolchain.Instance));
}
