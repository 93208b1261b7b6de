using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

public class DiagnosticsGradientProfileTests
{
    static (Tensor X, Tensor Y) Batch()
    {
        using var g = new Generator(11);
        return (torch.randn([16, 7], generator: g), torch.randint(0, 3, [16], generator: g));
    }

    [Fact]
    public void OfBatchMeasuresOneCrossEntropyPassAndClearsTheGradients()
    {
        var (x, y) = Batch();
        var model = new StackedTanhMlp(7, 5, 6, 3)
            .InitialisedWith(InitScheme.Critical(1.05, 0.01, true), 2);
        var profile = GradientNorms.OfBatch(model, x, y);
        Assert.All(model.parameters(),
            p => Assert.True(p.grad is null || p.grad.abs().max().item<float>() == 0));

        nn.functional.cross_entropy(model.call(x), y).backward();
        var expected = GradientNorms.PerLayer(model);
        // input layer, 5 hidden, read-out
        Assert.Equal(7, profile.Count);
        Assert.Equal(expected.Names, profile.Names);
        for (int l = 0; l < profile.Count; l++)
            Assert.Equal(expected.Norms[l], profile.Norms[l], 12);
    }

    [Fact]
    public void TrimDropsLayersAtBothEndsAndSpreadIsMaxOverMin()
    {
        var profile = new LayerGradientNorms(["a", "b", "c", "d", "e"], [9, 2, 8, 4, 100]);
        var inner = profile.Trim(1, 1);
        Assert.Equal(["b", "c", "d"], inner.Names);
        Assert.Equal([2.0, 8, 4], inner.Norms);
        Assert.Equal(4.0, inner.Spread);
        Assert.Equal(0.5, inner.FirstOverLast);
        Assert.Empty(profile.Trim(2, 3).Norms);
        Assert.Throws<ArgumentOutOfRangeException>(() => profile.Trim(3, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => profile.Trim(-1, 0));
    }

    [Fact]
    public void GradientProfileDrawsUnderflowedNormsAtTheFloorOnALogAxis()
    {
        var flat = new LayerGradientNorms(["a", "b", "c"], [0.5, 0.4, 0.3]);
        var vanished = new LayerGradientNorms(["a", "b", "c"], [0, 1e-50, 0.3]);
        var figure = Charts.GradientProfile("profiles",
            ("flat", flat), ("vanished", vanished));
        Assert.Equal(["flat", "vanished"], figure.Traces.Select(t => t.Name));
        Assert.Equal([1.0, 2, 3], figure.Traces[0].X!);
        Assert.Equal([0.5, 0.4, 0.3], figure.Traces[0].Y!);
        Assert.Equal([Charts.LogFloor, Charts.LogFloor, 0.3], figure.Traces[1].Y!);
        Assert.Equal(AxisScale.Log, figure.Layout.YScale);
        Assert.Throws<ArgumentException>(() => Charts.GradientProfile("none"));
    }
}
