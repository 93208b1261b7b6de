using Depth;
using static TorchSharp.torch;

namespace Depth.Tests;

public class DiagnosticsLinearProbeTests
{
    // Three Gaussian clusters in 5 dimensions; the class is in the cluster centre.
    static (Tensor X, Tensor Y) Clusters(int n, double spread, long seed)
    {
        using var g = new Generator((ulong)seed);
        var y = randint(0, 3, [n], generator: g);
        var centres = tensor(new float[,] { { 4, 0, 0, 0, 0 }, { 0, 4, 0, 0, 0 }, { 0, 0, 4, 0, 0 } });
        var x = centres.index_select(0, y) + randn([n, 5], generator: g) * spread;
        return (x, y);
    }

    [Fact]
    public void SeparableClassesAreReadPerfectlyAndNoiseIsNot()
    {
        var (x, y) = Clusters(600, 0.5, 1);
        var (xt, yt) = Clusters(300, 0.5, 2);
        Assert.Equal(1.0, LinearProbe.Accuracy(x, y, xt, yt, 3));

        // Features that do not depend on the label: accuracy near chance (1/3).
        using var g = new Generator(3);
        var noise = randn([600, 5], generator: g);
        var noiseTest = randn([300, 5], generator: g);
        double chance = LinearProbe.Accuracy(noise, y, noiseTest, yt, 3);
        Assert.InRange(chance, 0.2, 0.47);
    }

    [Fact]
    public void AccuracyDoesNotDependOnTheFeaturesScaleOrOffset()
    {
        var (x, y) = Clusters(400, 2.0, 4);      // overlapping clusters: accuracy well below 1
        var (xt, yt) = Clusters(400, 2.0, 5);
        double a = LinearProbe.Accuracy(x, y, xt, yt, 3);
        double b = LinearProbe.Accuracy(x * 1e-3 + 7, y, xt * 1e-3 + 7, yt, 3);
        Assert.InRange(a, 0.6, 0.99);
        Assert.Equal(a, b, 6);
    }

    [Fact]
    public void MismatchedShapesAreNamed()
    {
        var (x, y) = Clusters(50, 1, 6);
        var ex = Assert.Throws<ArgumentException>(() => LinearProbe.Accuracy(x, y, x.narrow(1, 0, 4), y, 3));
        Assert.Contains("5 dimensions", ex.Message);
        ex = Assert.Throws<ArgumentException>(() => LinearProbe.Accuracy(x, y.narrow(0, 0, 40), x, y, 3));
        Assert.Contains("40 labels for 50", ex.Message);
    }
}
