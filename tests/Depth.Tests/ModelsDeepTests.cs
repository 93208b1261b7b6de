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
}
