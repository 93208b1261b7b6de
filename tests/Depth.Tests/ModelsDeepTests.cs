using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>10,000-layer models build and run a forward pass.</summary>
public class ModelsDeepTests
{
    [Fact]
    public void TanhMlpOfTenThousandLayersRunsForwardAndExposesEveryLayer()
    {
        using var model = new Mlp(8, 64, 10_000, 3, Activation.Tanh, seed: 1);
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
        var y = model.call(torch.randn(2, 1, 8, 8));
        torch.set_num_threads(threads);             // 8×8 → 2×2 after the two strided layers
        Assert.Equal(new long[] { 2, 10 }, y.shape);
        Assert.False(y.isnan().any().item<bool>());
        Assert.Equal("layers.9999.bias", model.named_parameters().Select(p => p.name).ToList()[^3]);
    }
}
