using Depth;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth.Tests;

public class DiagnosticsGradientTests
{
    static Sequential Mlp(int depth, int width)
    {
        var layers = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int l = 0; l < depth; l++) { layers.Add(($"fc{l}", nn.Linear(width, width))); layers.Add(($"tanh{l}", nn.Tanh())); }
        return nn.Sequential(layers);
    }

    [Fact]
    public void PerLayerNormsMatchEachWeightGradientInOrder()
    {
        var net = Mlp(3, 8);
        net.InitialisedWith(InitScheme.XavierNormal(), 1);
        using var g = Initialisers.Seeded(2);
        net.call(randn([4, 8], generator: g)).square().sum().backward();
        var norms = GradientNorms.PerLayer(net);
        Assert.Equal(["fc0", "fc1", "fc2"], norms.Names);
        for (int l = 0; l < 3; l++)
        {
            var w = ((Linear)net[l * 2]).weight;
            Assert.Equal(w.grad!.norm().item<float>(), norms.Norms[l], 1e-5);
        }
    }

    [Theory]
    [InlineData(0.5, 0.5)]    // ordered: χ₁ < 1, gradients vanish towards the input
    [InlineData(9.0, 0.05)]   // chaotic: χ₁ > 1, gradients explode towards the input
    public void GradientRatioFollowsChi1(double sw2, double sb2)
    {
        const int depth = 20;
        var net = Mlp(depth, 128);
        net.InitialisedWith(InitScheme.Critical(sw2, sb2), 3);
        var mf = new MeanField(Nonlinearity.Tanh);
        double chi1 = mf.Analyse(sw2, sb2).Chi1;
        var (x, _) = SignalPropagation.CorrelatedPair(128, 16, mf.LengthFixedPoint(sw2, sb2), 0, 4);
        net.call(x).sum().backward();
        var norms = GradientNorms.PerLayer(net);
        // ‖δˡ‖² gains a factor χ₁ per layer backwards: ‖∇W₁‖/‖∇W_L‖ ≈ χ₁^((L−1)/2) (Schoenholz et al. 2017, §4).
        double predicted = (depth - 1) / 2.0 * Math.Log(chi1), measured = Math.Log(norms.FirstOverLast);
        TestContext.Current.TestOutputHelper?.WriteLine($"χ₁={chi1:G4}: ln ratio measured {measured:F2}, predicted {predicted:F2}");
        Assert.True(Math.Abs(measured - predicted) < 0.3 * Math.Abs(predicted), $"χ₁={chi1:G4}: ln ratio measured {measured:F2}, predicted {predicted:F2}");
    }

    [Fact]
    public void LayersOfANestedModelComeInForwardOrder()
    {
        // Mlp keeps its hidden layers in a ModuleList registered before the read-out: TorchSharp's named_modules()
        // would list the read-out first; the diagnostics must not.
        using var mlp = new Depth.Mlp(6, 5, 4, 3, Depth.Activation.Tanh, seed: 1);
        using var x = torch.randn(8, 6, generator: new Generator(1));
        torch.nn.functional.cross_entropy(mlp.forward(x), torch.zeros(8, ScalarType.Int64)).backward();
        var norms = GradientNorms.PerLayer(mlp);
        Assert.Equal(["layers.0", "layers.1", "layers.2", "layers.3", "output"], norms.Names);
    }

    [Fact]
    public void MissingGradientIsNamed()
    {
        var net = Mlp(2, 4);
        var e = Assert.Throws<InvalidOperationException>(() => GradientNorms.PerLayer(net));
        Assert.Contains("fc0", e.Message);
    }
}
