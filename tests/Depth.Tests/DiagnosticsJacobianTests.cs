using Depth;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static Depth.Tests.InitTestHelpers;

namespace Depth.Tests;

public class DiagnosticsJacobianTests
{
    [Fact]
    public void JacobianOfALinearNetworkIsTheWeightProduct()
    {
        var a = nn.Linear(6, 5); var b = nn.Linear(5, 4);
        var net = nn.Sequential(("a", a), ("b", b));
        net.InitialisedWith(InitScheme.XavierNormal(), 8);
        var j = Jacobian.Compute(net, ones(6));
        Assert.Equal([4L, 6L], j.shape);
        Assert.True(Distance(j, b.weight.matmul(a.weight)) < 1e-5);
    }

    [Fact]
    public void OrthogonalLayerHasUnitSingularValues()
    {
        var fc = nn.Linear(16, 16);
        fc.InitialisedWith(InitScheme.Orthogonal(), 9);
        Assert.All(Jacobian.SingularValues(fc, randn(16)), s => Assert.Equal(1.0, s, 1e-5));
    }

    [Fact]
    public void AnalyticProductAgreesWithAutograd()
    {
        var layers = Enumerable.Range(0, 10).Select(_ => nn.Linear(12, 12)).ToList();
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int l = 0; l < layers.Count; l++) { modules.Add(($"fc{l}", layers[l])); modules.Add(($"t{l}", nn.Tanh())); }
        var net = nn.Sequential(modules);
        net.InitialisedWith(InitScheme.Critical(1.76, 0.05, orthogonal: true), 10);
        using var g = Initialisers.Seeded(11);
        var x = randn([12], generator: g);
        var auto = Jacobian.SingularValues(net, x);
        var product = Jacobian.ProductSingularValues(layers, TensorActivation.Tanh, x);
        for (int i = 0; i < auto.Length; i++) Assert.Equal(auto[i], product[i], 1e-4);
    }

    [Fact]
    public void RejectsABatchedInput() =>
        Assert.Throws<ArgumentException>(() => Jacobian.Compute(nn.Linear(3, 3), ones(2, 3)));
}
