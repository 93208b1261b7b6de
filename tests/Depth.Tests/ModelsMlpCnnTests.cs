using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>The configurable MLP and CIFAR-style CNN: names, shapes, counts, residual identity at step 0.</summary>
public class ModelsMlpCnnTests
{
    [Theory]
    [InlineData(false, Norm.None)]
    [InlineData(true, Norm.BatchNorm)]
    public void MlpMatchesItsBreakdownAndNamesItsLayers(bool residual, Norm norm)
    {
        using var model = new Mlp(784, 32, 4, 10, Activation.Tanh, norm, residual);
        Assert.Equal(Architectures.Mlp(784, 32, 4, 10, norm == Norm.BatchNorm).Parameters, ParameterCount.Of(model).Trainable);
        Assert.Equal(4, model.Layers.Count);
        Assert.Equal(norm == Norm.BatchNorm ? 4 : 0, model.Norms.Count);
        Assert.Equal(784, model.Layers[0].in_features);
        Assert.Equal(32, model.Layers[3].in_features);
        Assert.Contains("layers.3.weight", model.named_parameters().Select(p => p.name));
        using var scope = torch.NewDisposeScope();
        Assert.Equal(new long[] { 5, 10 }, model.call(torch.randn(5, 784)).shape);
    }

    [Theory]
    [InlineData(Activation.Tanh, Norm.None)]
    [InlineData(Activation.Sigmoid, Norm.None)]
    [InlineData(Activation.ReLU, Norm.BatchNorm)]
    public void PlainMlpAppliesItsActivationInPlaceWithTheSameValuesAndGradients(Activation activation, Norm norm)
    {
        // The plain forward computes φ in the pre-activation's storage; an out-of-place reference with the same
        // parameters must give the same output and the same gradient for every parameter.
        using var model = new Mlp(6, 8, 3, 4, activation, norm, seed: 5);
        model.train();
        using var scope = torch.NewDisposeScope();
        var x = torch.randn(new long[] { 5, 6 }, generator: new Generator(9));
        var y = model.call(x);
        y.square().sum().backward();
        var grads = model.parameters().Select(p => p.grad!.clone()).ToList();
        model.zero_grad();

        Tensor h = x;
        for (int l = 0; l < model.Depth; l++)
        {
            var z = nn.functional.linear(h, model.Layers[l].weight!, model.Layers[l].bias);
            if (norm == Norm.BatchNorm)
                z = nn.functional.batch_norm(z, null, null, model.Norms[l].weight, model.Norms[l].bias, training: true);
            h = activation.Apply(z);
        }
        var reference = nn.functional.linear(h, model.Output.weight!, model.Output.bias);
        reference.square().sum().backward();
        Assert.True(y.allclose(reference, rtol: 1e-5, atol: 1e-6));
        foreach (var (p, g) in model.parameters().Zip(grads))
            Assert.True(p.grad!.allclose(g, rtol: 1e-4, atol: 1e-6), "a gradient differs from the out-of-place reference");
    }

    [Fact]
    public void SameSeedSameWeights()
    {
        using var a = new Mlp(8, 16, 3, 2, seed: 7);
        using var b = new Mlp(8, 16, 3, 2, seed: 7);
        using var c = new Mlp(8, 16, 3, 2, seed: 8);
        Assert.True(a.Layers[2].weight!.allclose(b.Layers[2].weight!, rtol: 0, atol: 0));
        Assert.False(a.Layers[2].weight!.allclose(c.Layers[2].weight!, rtol: 0, atol: 0));
    }

    [Theory]
    [InlineData(Norm.None, Activation.Sigmoid)]
    [InlineData(Norm.BatchNorm, Activation.Tanh)]
    public void ZeroInitResidualMlpIsTheIdentityBetweenStemAndReadout(Norm norm, Activation activation)
    {
        using var model = new Mlp(6, 16, 50, 3, activation, norm, residual: true, zeroInitResidual: true, seed: 3);
        model.eval();
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        var x = torch.randn(4, 6);
        var stem = model.Layers[0].call(x);
        if (norm == Norm.BatchNorm) stem = model.Norms[0].call(stem);
        var expected = model.Output.call(activation.Apply(stem));
        Assert.True(model.call(x).allclose(expected, rtol: 1e-5, atol: 1e-6));

        using var plain = new Mlp(6, 16, 50, 3, activation, norm, residual: true, seed: 3);
        plain.eval();
        Assert.False(plain.call(x).allclose(expected, rtol: 1e-5, atol: 1e-6));
        Assert.Throws<ArgumentException>(() => new Mlp(6, 16, 2, 3, zeroInitResidual: true));
    }

    [Fact]
    public void ModuleSummaryOfAnMlpReportsShapesAndMultiplyAdds()
    {
        using var model = new Mlp(20, 8, 2, 3);
        var summary = ModuleSummary.Of(model, [20]);
        Assert.Equal(["layers.0", "layers.1", "output"], summary.Layers.Select(l => l.Name));
        Assert.Equal(new long[] { 8 }, summary.Layers[0].OutputShape);
        Assert.Equal(20 * 8 + 8 * 8 + 8 * 3, summary.MultiplyAdds);
        Assert.Equal(ParameterCount.Of(model).Trainable, summary.Parameters);
        Assert.Contains("layers.1", summary.ToString());
    }
}
