using BenchmarkDotNet.Attributes;
using Depth;

namespace Depth.Benchmarks;

/// <summary>Mean-field computations a lesson repeats: the critical point and a phase-diagram row.</summary>
[Config(typeof(BenchConfig))]
public class TheoryBenchmarks
{
    readonly MeanField tanh120 = new(Nonlinearity.Tanh);
    readonly MeanField tanh40 = new(Nonlinearity.Tanh, 40);

    [Benchmark(Description = "critical σ_w² at σ_b² = 0.05 (120 nodes)")]
    public double CriticalPoint() => tanh120.CriticalWeightVariance(0.05);

    [Benchmark(Description = "phase diagram 20 × 10 (40 nodes)")]
    public int PhaseDiagram() =>
        tanh40.PhaseDiagram(Enumerable.Range(1, 20).Select(i => 0.2 * i).ToArray(),
                            Enumerable.Range(0, 10).Select(i => 0.02 * i).ToArray()).WeightVariances.Length;
}
