using Depth;
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
        var ex = Assert.Throws<ArgumentException>(
            () => LinearRegions.Along(Kinks([1], [0]), zeros(1, 1)));
        Assert.Contains("P ≥ 2", ex.Message);
    }
}

public class DiagnosticsLinearRegionsAtBudgetTests
{
    [Fact]
    public void EachDepthGetsTheWidestNetWithinTheBudgetAndItsCountsOverEveryPath()
    {
        var t = linspace(-1, 1, 400).unsqueeze(1);
        Tensor[] paths = [t.expand(400, 3).contiguous(),                  // [400, 3]
            cat([t, 0.5 * t, -2 * t], 1)];
        var log = new StringWriter();
        var rows = LinearRegions.AtBudget(paths, [1, 3], budget: 300, outputs: 2, nets: 2, seed: 5,
            log);
        Assert.Equal([1, 3], rows.Select(r => r.Depth));
        foreach (var r in rows)
        {
            Assert.True(r.Parameters <= 300);
            Assert.True(Depth.ParameterFormulas.Mlp(3, r.Width + 1, r.Depth, 2) > 300);
            Assert.Equal(r.Depth * r.Width, r.Neurons);
            var counts = new[] { 0, 1 }.SelectMany(s => paths.Select(p => LinearRegions.Along(
                new Mlp(3, r.Width, r.Depth, 2, seed: 5 * 1000 + s), p))).ToArray();
            Assert.Equal(4, counts.Length);
            Assert.Equal(counts.Average(), r.MeanRegions);
            Assert.Equal(counts.Max(), r.MaxRegions);
        }
        Assert.StartsWith("depth 1: width ", log.ToString());
        Assert.Contains("over 2 nets × 2 paths", log.ToString());
    }

    [Fact]
    public void NoPathIsRefused() => Assert.Throws<ArgumentOutOfRangeException>(
        () => LinearRegions.AtBudget([], [1], budget: 300, outputs: 2, nets: 2, seed: 5));
}

public class TrainingPredictionsTests
{
    [Fact]
    public void OutputsAreFlattenedInRowMajorOrder()
    {
        var x = tensor(new float[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal([2.0, 4, 6, 8], Depth.Predictions.Of(new Twice(), x));
    }

    sealed class Twice() : nn.Module<Tensor, Tensor>("twice")
    {
        public override Tensor forward(Tensor input) => input * 2;
    }
}
