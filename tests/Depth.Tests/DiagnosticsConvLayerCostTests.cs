using Depth;

namespace Depth.Tests;

public class DiagnosticsConvLayerCostTests
{
    [Fact]
    public void MapsHalveRoundingUp()
    {
        Assert.Equal([28, 14, 7, 4, 2, 1],
            Enumerable.Range(0, 6).Select(s => StackedTanhCnn.MapSize(28, s)));
        Assert.Equal(2, new ConvLayerCost(16, 4, 64, 1).MapSize);
        Assert.Throws<ArgumentOutOfRangeException>(() => StackedTanhCnn.MapSize(0, 1));
    }

    [Fact]
    public void StepCostIsTheFixedCostPlusLayersTimesTheLayerCost()
    {
        var cost = new ConvLayerCost(16, 4, 64, MsPerLayer: 0.5, FixedMs: 2);
        Assert.Equal(5.0, cost.StepSeconds(10_000), 12);   // 2 ms + 9,996 × 0.5 ms
        Assert.Equal(12.8, cost.ImagesPerSecond(10_000), 12);
        var table = ConvLayerCost.Summary([cost], 10_000);
        Assert.Equal("one 10,000-layer step", table.Columns[5]);
        Assert.Equal([16, "2×2", 64, "0.500", "2.0", "5.0 s", "12.8"], table.Rows[0]);
    }

    [Fact]
    public void MeasureTimesARealNetwork()
    {
        // 4×4 maps run as convolutions; 200 layers against 1 make the difference far larger than
        // timing noise, and the stem at 28×28 costs more than one 4×4 layer.
        var cost = ConvLayerCost.Measure(channels: 4, stridedLayers: 3, batch: 2, layers: 200,
            seed: 1, repeats: 2);
        Assert.Equal((4, 3, 2), (cost.Channels, cost.StridedLayers, cost.Batch));
        Assert.True(cost.MsPerLayer > 0 && double.IsFinite(cost.MsPerLayer),
            $"{cost.MsPerLayer} ms");
        Assert.True(cost.FixedMs > cost.MsPerLayer,
            $"fixed {cost.FixedMs} ms, layer {cost.MsPerLayer} ms");
        Assert.Throws<ArgumentOutOfRangeException>(() => ConvLayerCost.Measure(4, 3, 2, 0, 1));
    }
}
