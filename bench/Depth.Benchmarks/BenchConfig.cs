using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Depth.Benchmarks;

/// <summary>
/// In-process (the program already runs through the compatibility runtime on old Linux, and a child process
/// started by the dotnet muxer would not), one warm-up, a handful of measured iterations: these workloads take
/// from milliseconds to seconds. Results (with machine and runtime) go to bench/results/.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithToolchain(InProcessEmitToolchain.Instance)
            .WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(7));
        AddColumn(StatisticColumn.Median, StatisticColumn.Min, StatisticColumn.Max);
        ArtifactsPath = Path.Combine(FindRoot(), "bench", "results");
        WithOptions(ConfigOptions.JoinSummary);
    }

    // The repository root is where the course's data/ folder sits (next to Course.sln).
    internal static string FindRoot() =>
        Path.GetDirectoryName(CourseData.FindDataDirectory() ?? Path.Combine(Directory.GetCurrentDirectory(), "data"))!;
}
