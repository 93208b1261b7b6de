using System.Diagnostics;
using Depth.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>10,000-layer models build in seconds, in linear time, and run a forward pass.</summary>
[Collection(nameof(Serial))] // build-time ratios are meaningless while other test classes share the cores
public class ModelsDeepTests
{
    private static double SecondsToBuild(Func<nn.Module> build)
    {
        var watch = Stopwatch.StartNew();
        using var model = build();
        return watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Builds at depth 10 (warm-up: JIT, libtorch), then 1,000 and 10,000, each the best of three (a garbage collection
    /// during one build is noise, not the scaling we test); 10,000 layers must take under a minute and at most 40× the
    /// time of 1,000.
    /// </summary>
    private static void AssertBuildsInLinearTime(string name, Func<int, nn.Module> build)
    {
        SecondsToBuild(() => build(10));
        double Best(int depth) => Enumerable.Range(0, 3).Min(_ => SecondsToBuild(() => build(depth)));
        var thousand = Best(1_000);
        var tenThousand = Best(10_000);
        TestContext.Current.TestOutputHelper?.WriteLine($"{name}: depth 1,000 {thousand:F2} s, depth 10,000 {tenThousand:F2} s");
        Assert.True(tenThousand < 60, $"10,000 layers took {tenThousand:F1} s");
        Assert.True(tenThousand < 40 * Math.Max(thousand, 0.05), $"not linear: 1,000 layers {thousand:F2} s, 10,000 layers {tenThousand:F2} s");
    }

    [Fact]
    public void DeepTanhMlpBuildsTenThousandLayersInSecondsAndLinearTime() =>
        AssertBuildsInLinearTime("DeepTanhMlp width 64", depth => new DeepTanhMlp(8, 64, depth, 2));

    [Fact]
    public void DeepTanhMlpOfTenThousandLayersRunsForwardAndExposesEveryLayer()
    {
        using var model = new DeepTanhMlp(8, 64, 10_000, 3, seed: 1);
        Assert.Equal(10_000, model.Layers.Count);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var y = model.call(torch.randn(4, 8));
        Assert.Equal(new long[] { 4, 3 }, y.shape);
        Assert.False(y.isnan().any().item<bool>());
        var names = model.named_parameters().Select(p => p.name).ToList();
        Assert.Equal("layers.0.weight", names[0]);
        Assert.Equal("layers.9999.bias", names[^3]);
        Assert.Equal("output.bias", names[^1]);
    }

    [Fact]
    public void DeepTanhCnnBuildsTenThousandLayersInSecondsAndLinearTime() =>
        AssertBuildsInLinearTime("DeepTanhCnn 16 channels", depth => new DeepTanhCnn(1, 16, depth, 10));

    [Fact]
    public void DeepTanhCnnOfTenThousandLayersRunsForward()
    {
        using var model = new DeepTanhCnn(1, 8, 10_000, 10, seed: 2);
        Assert.Equal(10_000, model.Layers.Count);
        Assert.Equal(new long[] { 2, 2 }, model.Layers[1].stride);
        Assert.Equal(new long[] { 1, 1 }, model.Layers[2].stride);
        Assert.Equal(1, model.Layers[0].in_channels);
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        int threads = torch.get_num_threads();
        torch.set_num_threads(1);                                // tiny convolutions: thread hand-offs cost more than the work
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var y = model.call(torch.randn(2, 1, 8, 8));
        torch.set_num_threads(threads);             // 8×8 → 2×2 after the two strided layers
        TestContext.Current.TestOutputHelper?.WriteLine($"DeepTanhCnn 10,000 layers, batch 2: forward {watch.Elapsed.TotalSeconds:F2} s");
        Assert.Equal(new long[] { 2, 10 }, y.shape);
        Assert.False(y.isnan().any().item<bool>());
        Assert.Equal("layers.9999.bias", model.named_parameters().Select(p => p.name).ToList()[^3]);
    }
}
