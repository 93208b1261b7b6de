using Depth;
using TorchSharp;
using static TorchSharp.torch;
using static Depth.Tests.InitTestHelpers;

namespace Depth.Tests;

/// <summary>The acceptance test: 200 tanh layers at the critical point keep the signal; σ_w² = 1 loses it.</summary>
public class InitDeepNetworkTests
{
    const int Width = 128, Depth = 200, Batch = 16;

    static double EndToEndRatio(InitScheme scheme, double inputMeanSquare)
    {
        using var scope = NewDisposeScope();
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int l = 0; l < Depth; l++) { layers.Add(($"fc{l}", nn.Linear(Width, Width))); layers.Add(($"tanh{l}", nn.Tanh())); }
        var net = nn.Sequential(layers);
        net.InitialisedWith(scheme, seed: 2024);

        using var g = Initialisers.Seeded(99);
        var x = randn([Batch, Width], generator: g);
        x = x * Math.Sqrt(inputMeanSquare * Batch * Width) / x.norm();
        using var _ = no_grad();
        return Norm(net.forward(x)) / Norm(x);
    }

    [Fact]
    public void CriticalOrthogonalKeepsTheNormWhileUnitGaussianCollapsesIt()
    {
        const double sb2 = 0.05;
        var critical = new MeanField(Nonlinearity.Tanh).CriticalPoint(sb2);
        // Input at the fixed point: E[x²] = (q* − σ_b²)/σ_w², so that every layer's q stays at q*.
        double meanSquare = (critical.QStar - sb2) / critical.WeightVariance;

        double kept = EndToEndRatio(InitScheme.Critical(critical.WeightVariance, sb2, orthogonal: true), meanSquare);
        double collapsed = EndToEndRatio(InitScheme.Critical(1.0, 0.0), meanSquare);

        TestContext.Current.TestOutputHelper?.WriteLine($"end-to-end ‖y‖/‖x‖: critical orthogonal {kept:G4}, σ_w² = 1 Gaussian {collapsed:G4}");
        Assert.InRange(kept, 0.8, 1.2);
        // σ_w² = 1, σ_b² = 0 is critical only at q = 0: q shrinks like 1/(2l) (algebraically), so 200 layers lose
        // about an order of magnitude of ‖x‖ (mean field: √(q²⁰⁰/q⁰) ≈ 0.09; measured ≈ 0.13 at width 128).
        Assert.True(collapsed < 0.2, $"σ_w² = 1 Gaussian kept {collapsed:G3} of the norm");
        Assert.True(kept / collapsed > 5);
    }
}
