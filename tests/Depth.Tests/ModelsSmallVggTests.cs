using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>The small VGG-style network of lesson 05: layout, parameter count, shortcuts, shapes, determinism.</summary>
public class ModelsSmallVggTests
{
    [Fact]
    public void Vgg16LayoutHasSixteenWeightedLayersAndThreeShortcuts()
    {
        using var plain = new SmallVgg(1, 2, [2, 2, 3, 3, 3], [8, 16, 32, 32, 32], hidden: 128);
        using var residual = new SmallVgg(1, 2, [2, 2, 3, 3, 3], [8, 16, 32, 32, 32], hidden: 128, residual: true);
        Assert.Equal(13, plain.Convolutions.Count);
        Assert.Equal(16, plain.WeightedLayers);
        Assert.Equal(0, plain.Shortcuts);
        Assert.Equal(3, residual.Shortcuts);
        // 28 → 14 → 7 → 3 → 1 after four pools: the first hidden layer reads 32·1·1 features.
        long convs = (9 * 1 * 8 + 8) + (9 * 8 * 8 + 8) + (9 * 8 * 16 + 16) + (9 * 16 * 16 + 16)
                   + (9 * 16 * 32 + 32) + 8 * (9 * 32 * 32 + 32);
        long dense = (32 * 128 + 128) + (128 * 128 + 128) + (128 * 2 + 2);
        Assert.Equal(convs + dense, ParameterCount.Of(plain).Trainable);
        Assert.Equal(ParameterCount.Of(plain).Trainable, ParameterCount.Of(residual).Trainable);
    }

    [Theory]
    [InlineData(false, Norm.None)]
    [InlineData(true, Norm.BatchNorm)]
    public void MapsImagesToLogits(bool residual, Norm norm)
    {
        using var model = new SmallVgg(1, 3, [1, 3], [4, 8], hidden: 16, hiddenLayers: 1, norm: norm, residual: residual, seed: 3);
        using var scope = torch.NewDisposeScope();
        var y = model.call(torch.randn(5, 1, 28, 28));
        Assert.Equal(new long[] { 5, 3 }, y.shape);
        Assert.True(torch.isfinite(y).all().item<bool>());
    }

    [Fact]
    public void ShortcutChangesTheFunctionButNotTheWeights()
    {
        using var plain = new SmallVgg(1, 2, [3], [4], hiddenLayers: 0, seed: 5);
        using var residual = new SmallVgg(1, 2, [3], [4], hiddenLayers: 0, residual: true, seed: 5);
        Assert.True(plain.Convolutions[2].weight!.allclose(residual.Convolutions[2].weight!, rtol: 0, atol: 0));
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 1, 28, 28, generator: new Generator(1));
        Assert.False(plain.call(x).allclose(residual.call(x)));
    }

    [Fact]
    public void ZeroBranchMakesTheResidualBlockTheIdentity()
    {
        using var model = new SmallVgg(1, 2, [3], [4], hiddenLayers: 0, residual: true, seed: 2);
        using var reference = new SmallVgg(1, 2, [1], [4], hiddenLayers: 0, seed: 2);
        using (torch.no_grad())
        {
            model.Convolutions[2].weight!.zero_();
            model.Convolutions[2].bias!.zero_();
            reference.Convolutions[0].weight!.copy_(model.Convolutions[0].weight!);
            reference.Convolutions[0].bias!.copy_(model.Convolutions[0].bias!);
            // with one stage there is no pool, so the read-out sees 4·28·28 features in both
            foreach (var (a, b) in reference.parameters().Skip(2).Zip(model.parameters().Skip(6))) a.copy_(b);
        }
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(2, 1, 28, 28, generator: new Generator(4));
        // block: relu(0 + h) = h for h = relu(conv0 x) ≥ 0, so both networks compute the same logits
        Assert.True(model.call(x).allclose(reference.call(x), rtol: 1e-5, atol: 1e-6));
    }

    [Fact]
    public void RejectsMismatchedStagesAndWidths() =>
        Assert.Throws<ArgumentException>(() => new SmallVgg(1, 2, [2, 2], [8]));
}
