using Depth;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth.Tests;

public class ModelsDropoutMlpTests
{
    [Fact]
    public void DropsOnlyInTrainingAndIsAnMlpInEval()
    {
        var drop = DropoutMlp.Create(6, 8, 2, 3, p: 0.5, seed: 4);
        using var g = new Generator(5);
        var x = randn([10, 6], generator: g);
        var names = drop.named_children().Select(c => c.name).ToArray();
        Assert.Equal(["layers.0", "relu0", "drop0", "layers.1", "relu1", "drop1", "output"], names);
        var linear = drop.children().OfType<Linear>().ToArray();
        var mlp = linear[2].call(linear[1].call(linear[0].call(x).relu()).relu());
        drop.eval();
        Assert.True(drop.call(x).allclose(mlp));   // eval: dropout is the identity
        drop.train();
        Assert.False(drop.call(x).allclose(mlp));
    }

    [Fact]
    public void TheSeedAloneFixesTheWeights()
    {
        var a = DropoutMlp.Create(6, 8, 1, 3, p: 0.2, seed: 4).parameters().ToArray();
        var b = DropoutMlp.Create(6, 8, 1, 3, p: 0.2, seed: 4).parameters().ToArray();
        var c = DropoutMlp.Create(6, 8, 1, 3, p: 0.2, seed: 5).parameters().ToArray();
        Assert.All(a.Zip(b), p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
        Assert.False(a[0].eq(c[0]).all().item<bool>());
    }

    [Fact]
    public void AProbabilityOfOneIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(
            () => DropoutMlp.Create(6, 8, 2, 3, p: 1, seed: 4));
    }
}
