using Depth;
using static TorchSharp.torch;

namespace Depth.Tests;

public class ChartsHeatmapRowsTests
{
    [Fact]
    public void LastRowComesFirstAndTheMapIsApplied()
    {
        var image = tensor(new float[,] { { 1, 2, 3 }, { 10, 20, 30 } });   // [2, 3]
        var rows = HeatmapRows.Upright(image);
        Assert.Equal([10.0, 20, 30], rows[0]);
        Assert.Equal([1.0, 2, 3], rows[1]);
        Assert.Equal([1.0, Math.Log10(20), Math.Log10(30)],
            HeatmapRows.Upright(image, Math.Log10)[0]);
    }

    [Fact]
    public void ANonImageIsRefused()
    {
        var ex = Assert.Throws<ArgumentException>(() => HeatmapRows.Upright(zeros(1, 2, 2)));
        Assert.Contains("[H, W]", ex.Message);
    }
}
