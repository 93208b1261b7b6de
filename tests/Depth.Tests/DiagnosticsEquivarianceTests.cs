using Depth;
using static TorchSharp.torch;

namespace Depth.Tests;

public class DiagnosticsEquivarianceTests
{
    static Tensor Images(long seed)
    {
        using var g = new Generator((ulong)seed);
        return rand([4, 1, 16, 16], generator: g);
    }

    [Fact]
    public void AConvolutionIsEquivariantAndADenseLayerIsNot()
    {
        var conv = nn.Sequential(
            nn.Conv2d(1, 3, 3, padding: 1), nn.Tanh(), nn.Conv2d(3, 2, 3, padding: 1));
        SeededInit.Apply(conv, 1);
        var dense = nn.Sequential(nn.Flatten(), nn.Linear(256, 256), nn.Unflatten(1, [1, 16, 16]));
        SeededInit.Apply(dense, 2);
        var images = Images(3);
        Assert.True(Equivariance.Mismatch(conv, images, 2) < 1e-5);
        Assert.True(Equivariance.Mismatch(dense, images, 2) > 0.1);
    }

    [Fact]
    public void ShiftMovesColumnsRightAndWraps()
    {
        var x = arange(4, dtype: ScalarType.Float32).reshape(1, 1, 1, 4);
        var shifted = Equivariance.Shift(x, 1).data<float>().ToArray();
        Assert.Equal(new float[] { 3, 0, 1, 2 }, shifted);
        Assert.Equal(new double[] { 0, 1, 2, 3 }, Equivariance.Row(nn.Identity(), x, row: 0));
    }

    [Fact]
    public void AShiftThatLeavesNoColumnsIsRefused()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => Equivariance.Mismatch(nn.Identity(), Images(4), 12));
        Assert.Contains("shift must be in [0, 11]", ex.Message);
    }
}
