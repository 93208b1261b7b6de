using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

public class DiagnosticsSignalTests
{
    [Fact]
    public void CorrelatedPairHasExactLengthAndCorrelation()
    {
        var (x1, x2) = SignalPropagation.CorrelatedPair(64, 5, 0.7, 0.3, 12);
        var (q, c) = SignalPropagation.Measure(x1, x2);
        Assert.Equal(0.7, q, 1e-5);
        Assert.Equal(0.3, c, 1e-5);
    }

    [Fact]
    public void SampledNetworksFollowTheMeanFieldMapsOnAverage()
    {
        // Ordered-phase tanh: q → q*, c → 1. One network's q fluctuates by ~√(2/N) per layer (shared W and b), so
        // average four networks of width 512 (≈3 % noise) and allow 10 % on q, 0.05 on c.
        const double sw2 = 1.5, sb2 = 0.3;
        const int depth = 20, seeds = 4;
        var theory = new MeanField(Nonlinearity.Tanh, 40).Propagate(1.0, 0.2, sw2, sb2, depth);
        var runs = Enumerable.Range(0, seeds)
            .Select(s => SignalPropagation.Sample(TensorActivation.Tanh, 512, depth, sw2, sb2, 1.0, 0.2, pairs: 8, seed: 100 * s))
            .ToList();
        var lines = new List<string>();
        for (int l = 0; l <= depth; l++)
        {
            double q = runs.Average(r => r.Q[l]), c = runs.Average(r => r.C[l]);
            lines.Add($"l={l}: q {q:F4} vs {theory.Q[l]:F4}, c {c:F4} vs {theory.C[l]:F4}");
            Assert.True(Math.Abs(q - theory.Q[l]) <= 0.1 * theory.Q[l], string.Join("\n", lines));
            Assert.True(Math.Abs(c - theory.C[l]) <= 0.05, string.Join("\n", lines));
        }
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", lines));
    }

    [Fact]
    public void MeasureOnModulesRecordsInputAndEveryLinearOutput()
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int l = 0; l < 5; l++) { layers.Add(($"fc{l}", nn.Linear(32, 32))); layers.Add(($"t{l}", nn.Tanh())); }
        var net = nn.Sequential(layers);
        net.InitialisedWith(InitScheme.Orthogonal(), 14);     // orthogonal, no bias: the first layer keeps q and c
        var (x1, x2) = SignalPropagation.CorrelatedPair(32, 4, 0.5, 0.6, 15);
        var t = SignalPropagation.Measure(net, x1, x2);
        Assert.Equal(6, t.Q.Length);
        Assert.Equal(0.5, t.Q[0], 1e-5);
        Assert.Equal(0.5, t.Q[1], 1e-5);
        Assert.Equal(0.6, t.C[1], 1e-5);
    }

    [Fact]
    public void TenThousandLayersStayCheapAndCriticalLengthsHold()
    {
        var mf = new MeanField(Nonlinearity.Tanh);
        var p = mf.CriticalPoint(0.05);
        var t = SignalPropagation.Sample(TensorActivation.Tanh, 32, 10_000, p.WeightVariance, 0.05, p.QStar, 0.5, pairs: 2, seed: 16);
        Assert.Equal(10_001, t.Q.Length);
        Assert.All(t.Q, q => Assert.True(double.IsFinite(q)));
        double late = t.Q.Skip(5_000).Average();
        Assert.Equal(p.QStar, late, 0.15 * p.QStar);
    }

    [Fact]
    public void SampleCanMeasureEveryKthLayerOfTheSameNetwork()
    {
        var every = SignalPropagation.Sample(TensorActivation.Tanh, 16, 12, 1.05, 1e-4, 0.03, 0.5, pairs: 4, seed: 3, orthogonal: true);
        var sparse = SignalPropagation.Sample(TensorActivation.Tanh, 16, 12, 1.05, 1e-4, 0.03, 0.5, pairs: 4, seed: 3, orthogonal: true, recordEvery: 5);
        foreach (int l in new[] { 0, 5, 10, 12 })
        {
            Assert.Equal(every.Q[l], sparse.Q[l], 12);
            Assert.Equal(every.C[l], sparse.C[l], 12);
        }
        foreach (int l in new[] { 1, 4, 6, 11 })
            Assert.True(double.IsNaN(sparse.C[l]) && double.IsNaN(sparse.Q[l]), $"layer {l} should not be measured");
        Assert.Throws<ArgumentOutOfRangeException>(() => SignalPropagation.Sample(TensorActivation.Tanh, 16, 3, 1, 0, 1, 0.5, 2, 1, recordEvery: 0));
    }
}
