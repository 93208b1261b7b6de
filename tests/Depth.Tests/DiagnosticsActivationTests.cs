using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

public class DiagnosticsActivationTests
{
    [Fact]
    public void StatisticsMatchAManualForwardPass()
    {
        var fc0 = nn.Linear(64, 64); var fc1 = nn.Linear(64, 64);
        var net = nn.Sequential(("fc0", fc0), ("tanh", nn.Tanh()), ("fc1", fc1), ("sig", nn.Sigmoid()));
        net.InitialisedWith(InitScheme.Naive, 5);
        using var g = Initialisers.Seeded(6);
        var x = randn([32, 64], generator: g);

        var report = ActivationStats.Record(net, x);

        Assert.Equal(["tanh", "sig"], report.Names);
        using var _ = no_grad();
        var a = fc0.call(x).tanh().to(ScalarType.Float64);
        Assert.Equal(a.mean().item<double>(), report.Layers[0].Mean, 1e-6);
        Assert.Equal(a.std(unbiased: false).item<double>(), report.Layers[0].Std, 1e-6);
        Assert.Equal(a.abs().ge(0.99).to(ScalarType.Float64).mean().item<double>(), report.Layers[0].SaturatedFraction, 1e-9);
        Assert.True(report.Layers[0].SaturatedFraction > 0.5, "N(0,1) weights saturate tanh");
    }

    [Fact]
    public void HooksAreRemovedAfterRecording()
    {
        var tanh = nn.Tanh();
        var net = nn.Sequential(("fc", nn.Linear(4, 4)), ("tanh", tanh));
        int calls = 0;
        tanh.register_forward_hook((_, _, o) => { calls++; return o; });
        var x = ones(2, 4);
        ActivationStats.Record(net, x);
        ActivationStats.Record(net, x);
        var report = ActivationStats.Record(net, x);
        Assert.Single(report.Layers);              // earlier Record calls left no hook behind
        Assert.Equal(3, calls);
    }

    [Fact]
    public void SigmoidRuleAndCustomSelection()
    {
        var net = nn.Sequential(("fc", nn.Linear(16, 16)), ("sig", nn.Sigmoid()));
        net.InitialisedWith(InitScheme.SmallUniform(1e-3), 7);
        var report = ActivationStats.Record(net, zeros(4, 16), SaturationRule.Sigmoid(), (name, _) => name == "sig");
        Assert.Equal(0.0, report.Layers[0].SaturatedFraction);     // σ(≈0) = 0.5: not saturated
        Assert.Equal(0.5, report.Layers[0].Mean, 1e-3);
    }
}
