using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>Built torchvision-layout models hold exactly the parameters the analytic breakdowns predict.</summary>
public class ModelsResNetTests
{
    [Fact]
    public void BuiltResNet50MatchesTorchvisionAndTheAnalyticBreakdownLayerByLayer()
    {
        using var model = ResNet.ResNet50();
        var count = ParameterCount.Of(model);
        Assert.Equal(25_557_032, count.Trainable);
        Assert.Equal(0, count.Frozen);
        Assert.Equal(23_508_032, count.Trainable - ParameterCount.Of(model.Classifier).Trainable);

        var analytic = Architectures.ResNet50();
        Assert.Equal(analytic.Buffers, count.Buffers);                 // 53,120 running statistics + 53 counters

        var measured = ModuleSummary.Of(model, [3, 224, 224]);
        var weighted = measured.Layers.Where(l => l.Parameters > 0).ToList();
        var expected = analytic.Layers.Where(l => l.Parameters > 0).ToList();
        Assert.Equal(expected.Select(l => l.Name), weighted.Select(l => l.Name));
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Parameters, weighted[i].Parameters);
            Assert.Equal(expected[i].Buffers, weighted[i].Buffers);
            Assert.Equal(expected[i].OutputShape, weighted[i].OutputShape);
            Assert.Equal(expected[i].MultiplyAdds, weighted[i].MultiplyAdds);
            Assert.Equal(expected[i].KerasParameters, weighted[i].KerasParameters);
        }
        Assert.Equal(25_557_032, measured.Parameters);
        Assert.Equal(25_636_712, measured.KerasParameters);
        Assert.Equal(23_587_712, measured.Without("fc").KerasParameters);
        Assert.Equal(analytic.MultiplyAdds, measured.MultiplyAdds);
        TestContext.Current.TestOutputHelper?.WriteLine($"ResNet-50 multiply-adds at 224: {measured.MultiplyAdds:N0}");
    }

    [Fact]
    public void BuiltResNet18And34MatchTorchvision()
    {
        using (var r18 = ResNet.ResNet18())
        {
            Assert.Equal(11_689_512, ParameterCount.Of(r18).Trainable);
            Assert.Equal(Architectures.ResNet18().Parameters, ParameterCount.Of(r18).Trainable);
            Assert.Equal(Architectures.ResNet18().Buffers, ParameterCount.Of(r18).Buffers);
        }
        using var r34 = ResNet.ResNet34(classes: 10);
        Assert.Equal(Architectures.ResNet34(classes: 10).Parameters, ParameterCount.Of(r34).Trainable);
        Assert.Equal(21_797_672 - 990 * 512 - 990, ParameterCount.Of(r34).Trainable);   // 1000 → 10 classes removes 990 rows of fc
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        r34.eval();
        Assert.Equal(new long[] { 2, 10 }, r34.call(torch.randn(2, 3, 64, 64)).shape);
    }

    [Fact]
    public void BuiltVgg16MatchesTorchvisionAndItsNames()
    {
        using var model = Vgg.Vgg16();
        Assert.Equal(138_357_544, ParameterCount.Of(model).Trainable);
        Assert.Equal(Architectures.Vgg(16).Parameters, ParameterCount.Of(model).Trainable);
        var analyticNames = Architectures.Vgg(16).Layers.Where(l => l.Parameters > 0).Select(l => l.Name + ".weight");
        var builtNames = model.named_parameters().Select(p => p.name).Where(n => n.EndsWith(".weight", StringComparison.Ordinal));
        Assert.Equal(analyticNames, builtNames);
        Assert.Equal(13, model.Convolutions.Count);
    }

    [Fact]
    public void SmallVggWithBatchNormRunsAndMatchesItsBreakdown()
    {
        using var model = Vgg.Vgg11(classes: 10, norm: Norm.BatchNorm);
        var analytic = Architectures.Vgg(11, classes: 10, batchNorm: true);
        Assert.Equal(analytic.Parameters, ParameterCount.Of(model).Trainable);
        Assert.Equal(analytic.Layers.Where(l => l.Parameters > 0).Select(l => l.Name + ".weight"),
            model.named_parameters().Select(p => p.name).Where(n => n.EndsWith(".weight", StringComparison.Ordinal)));
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        model.eval();
        Assert.Equal(new long[] { 1, 10 }, model.call(torch.randn(1, 3, 32, 32)).shape);
    }

    [Fact]
    public void ZeroInitResidualZeroesTheLastBatchNormOfEveryBlock()
    {
        using var plain = ResNet.ResNet18(classes: 10);
        using var zeroed = ResNet.ResNet18(classes: 10, zeroInitResidual: true);
        var lastNorms = zeroed.named_parameters().Where(p => p.name.EndsWith("bn2.weight", StringComparison.Ordinal)).ToList();
        Assert.Equal(8, lastNorms.Count);
        Assert.All(lastNorms, p => Assert.Equal(0, p.parameter.abs().sum().item<float>()));
        Assert.All(zeroed.named_parameters().Where(p => p.name.EndsWith("bn1.weight", StringComparison.Ordinal)),
            p => Assert.Equal(p.parameter.numel(), p.parameter.sum().item<float>()));
        Assert.NotEqual(0, plain.named_parameters().First(p => p.name == "layer1.0.bn2.weight").parameter.abs().sum().item<float>());

        // A block with an identity shortcut is then the identity on non-negative inputs: relu(0 + x) = x.
        using var scope = torch.NewDisposeScope();
        using var noGrad = torch.no_grad();
        zeroed.eval();
        var x = nn.functional.relu(torch.randn(2, 64, 8, 8));
        Assert.True(zeroed.Blocks[0].call(x).allclose(x));
    }

    [Fact]
    public void Bottleneck50WithZeroInitZeroesBn3()
    {
        using var model = ResNet.ResNet50(classes: 10, zeroInitResidual: true);
        var bn3 = model.named_parameters().Where(p => p.name.EndsWith("bn3.weight", StringComparison.Ordinal)).ToList();
        Assert.Equal(16, bn3.Count);
        Assert.All(bn3, p => Assert.Equal(0, p.parameter.abs().sum().item<float>()));
    }
}
