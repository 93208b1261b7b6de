using Depth.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>The kept-Scalar optimizers compute exactly what TorchSharp's own optimizers compute.</summary>
/// <para>Serial: the reference, TorchSharp's own optimizers, has the race the kept ones remove, and the parallel test
/// classes' allocations are what trigger it.</para>
[Collection(nameof(Serial))]
public class KeptScalarOptimizersTests
{
    // A small network, the same weights for every seed; 6 steps on fixed data.
    private static nn.Module<Tensor, Tensor> Net()
    {
        var model = nn.Sequential(nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 3));
        Depth.Models.SeededInit.Apply(model, 7);
        return model;
    }

    private static float[] Train(nn.Module<Tensor, Tensor> model, optim.Optimizer optimizer)
    {
        using var generator = new Generator(3);
        using var x = torch.randn([8, 5], generator: generator);            // [8, 5]
        using var y = torch.randint(0, 3, [8], generator: generator);       // [8]
        for (int step = 0; step < 6; step++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            nn.functional.cross_entropy(model.call(x), y).backward();
            optimizer.step();
        }
        return Values(model);
    }

    private static float[] Values(nn.Module model) =>
        model.parameters().SelectMany(p => p.data<float>().ToArray()).ToArray();

    private static void Same(Func<IEnumerable<Parameter>, optim.Optimizer> theirs,
        Func<IEnumerable<Parameter>, optim.Optimizer> ours)
    {
        using var a = Net();
        using var b = Net();
        using var theirOptimizer = theirs(a.parameters());
        using var ourOptimizer = ours(b.parameters());
        float[] expected = Train(a, theirOptimizer), actual = Train(b, ourOptimizer);
        Assert.Equal(expected, actual);                                     // bit for bit
        using var untrained = Net();
        Assert.NotEqual(Values(untrained), expected);                     // training moved them
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.01)]
    public void AdamIsTorchSharpsAdam(double decay) =>
        Same(p => optim.Adam(p, 0.01, weight_decay: decay), p => new KeptScalarAdam(p, 0.01, decay));

    [Fact]
    public void AdamWithGroupsIsTorchSharpsAdam()
    {
        static Adam.ParamGroup[] Groups(IEnumerable<Parameter> p)
        {
            var all = p.ToArray();
            return [new(all.Take(2), 0.01), new(all.Skip(2), 0.1)];
        }
        Same(p => optim.Adam(Groups(p), 0.01), p => new KeptScalarAdam(Groups(p), 0.01));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.9, 0.001)]
    public void SgdIsTorchSharpsSgd(double momentum, double decay) =>
        Same(p => optim.SGD(p, 0.1, momentum: momentum, weight_decay: decay),
            p => new KeptScalarSgd(p, 0.1, momentum, decay));

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(0.9, 0.001)]
    public void RmsPropIsTorchSharpsRmsProp(double momentum, double decay) =>
        Same(p => optim.RMSProp(p, 0.01, momentum: momentum, weight_decay: decay),
            p => new KeptScalarRmsProp(p, 0.01, momentum, decay));

    [Fact]
    public void OptionsItDoesNotImplementAreRefused()
    {
        using var model = Net();
        using var adam = new KeptScalarAdam(model.parameters(), 0.01);
        ((Adam.Options)adam.ParamGroups.Cast<Adam.ParamGroup>().First().Options).amsgrad = true;
        using var scope = NewDisposeScope();
        nn.functional.cross_entropy(model.call(torch.randn(2, 5)), torch.tensor(new long[] { 0, 1 })).backward();
        Assert.Throws<NotSupportedException>(() => adam.step());
    }
}
