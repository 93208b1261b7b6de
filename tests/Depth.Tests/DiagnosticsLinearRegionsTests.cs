using Depth.Diagnostics;
using Depth.Models;
using static TorchSharp.torch;

namespace Depth.Tests;

public class DiagnosticsLinearRegionsTests
{
    // One input, one hidden layer: each neuron w·x + b switches once, at x = −b/w.
    static Mlp Kinks(float[] weights, float[] biases)
    {
        var net = new Mlp(1, weights.Length, 1, 1, seed: 1);
        using var noGrad = no_grad();
        net.Layers[0].weight!.copy_(tensor(weights).reshape(weights.Length, 1));
        net.Layers[0].bias!.copy_(tensor(biases));
        return net;
    }

    [Fact]
    public void CountsOnePiecePlusOnePerKinkInsideThePath()
    {
        // Kinks at x = 0.25, 0.5 and 0.75 inside [0, 1]; the fourth at x = 2 lies outside.
        var net = Kinks([1, -2, 4, 1], [-0.25f, 1, -3, -2]);
        var points = linspace(0, 1, 1001).unsqueeze(1);
        Assert.Equal(4, LinearRegions.Along(net, points));
        Assert.Equal(1, LinearRegions.Along(net, linspace(0.8, 1, 50).unsqueeze(1)));
    }

    [Fact]
    public void ASinglePointIsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => LinearRegions.Along(Kinks([1], [0]), zeros(1, 1)));
        Assert.Contains("P ≥ 2", ex.Message);
    }
}
