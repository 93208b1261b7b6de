using Depth;

namespace Depth.Tests;

/// <summary>Analytic parameter counts against the reference numbers (torchvision, Keras, the seed's arithmetic).</summary>
public class ParamsTests
{
    [Fact]
    public void ResNet50InThePyTorchConvention()
    {
        Assert.Equal(25_557_032, Architectures.ResNet50().Parameters);
        Assert.Equal(23_508_032, Architectures.ResNet50(includeTop: false).Parameters);
        Assert.Equal(23_508_032, Architectures.ResNet50().Without("fc").Parameters);
    }

    [Fact]
    public void ResNet50InTheKerasConventionIsExplainedByConvBiasesAndMovingStatistics()
    {
        var full = Architectures.ResNet50();
        var backbone = Architectures.ResNet50(includeTop: false);
        Assert.Equal(25_636_712, full.KerasParameters);
        Assert.Equal(23_587_712, backbone.KerasParameters);
        // Keras: 25,583,592 trainable + 53,120 non-trainable.
        Assert.Equal(25_583_592, full.KerasTrainable);
        Assert.Equal(53_120, full.KerasNonTrainable);

        // The difference, layer by layer: every convolution gains C_out biases, every BatchNorm 2c moving statistics.
        long convOutputs = full.Layers.Where(l => l.IsConvolution).Sum(l => l.OutputShape[0]);
        long bnChannels = full.Layers.Where(l => l.IsBatchNorm).Sum(l => l.OutputShape[0]);
        Assert.Equal(convOutputs, full.KerasConvolutionBiases);
        Assert.Equal(2 * bnChannels, full.KerasMovingStatistics);
        Assert.Equal(full.KerasParameters - full.Parameters, full.KerasConvolutionBiases + full.KerasMovingStatistics);
        Assert.Equal(79_680, full.KerasParameters - full.Parameters);
        Assert.Equal(26_560, full.KerasConvolutionBiases);
        Assert.Equal(53_120, full.KerasMovingStatistics);
        Assert.Equal(53, full.Layers.Count(l => l.IsConvolution));
        Assert.Equal(53, full.Layers.Count(l => l.IsBatchNorm));
    }

    [Fact]
    public void ResNet50ShapesAndMultiplyAddsAt224()
    {
        var r = Architectures.ResNet50();
        Assert.Equal(new long[] { 64, 112, 112 }, r.Layers.Single(l => l.Name == "conv1").OutputShape);
        Assert.Equal(new long[] { 64, 56, 56 }, r.Layers.Single(l => l.Name == "maxpool").OutputShape);
        Assert.Equal(new long[] { 2048, 7, 7 }, r.Layers.Single(l => l.Name == "layer4.2.bn3").OutputShape);
        Assert.Equal(new long[] { 1000 }, r.Layers[^1].OutputShape);
        // conv1: 64·112·112 outputs × 3·7·7 weights each.
        Assert.Equal(64L * 112 * 112 * 3 * 7 * 7, r.Layers[0].MultiplyAdds);
        // ResNet-50 is quoted at about 4.1 G multiply-adds per 224×224 image (He et al. 2016a, Table 1: 3.8 × 10⁹ FLOPs, stride on 1×1).
        Assert.InRange(r.MultiplyAdds, 4.0e9, 4.2e9);
    }

    [Fact]
    public void TorchvisionTotalsForOtherArchitectures()
    {
        Assert.Equal(11_689_512, Architectures.ResNet18().Parameters);
        Assert.Equal(21_797_672, Architectures.ResNet34().Parameters);
        Assert.Equal(132_863_336, Architectures.Vgg(11).Parameters);
        Assert.Equal(133_047_848, Architectures.Vgg(13).Parameters);
        Assert.Equal(138_357_544, Architectures.Vgg(16).Parameters);
        Assert.Equal(143_667_240, Architectures.Vgg(19).Parameters);
    }

    [Fact]
    public void TheSeedsFullyConnectedAlternatives()
    {
        var alternatives = FullyConnectedAlternative.Seed();
        Assert.All(alternatives, a => Assert.Equal(150_528, a.Inputs));
        Assert.Equal(2_048, alternatives[0].Outputs);
        Assert.Equal(100_352, alternatives[1].Outputs);
        Assert.Equal(308_283_392, alternatives[0].Parameters);
        Assert.Equal(15_105_886_208, alternatives[1].Parameters);
        Assert.Equal(308_283_392, ParameterFormulas.Linear(224 * 224 * 3, 2048));
        Assert.Equal(308_283_392.0 / 25_557_032, alternatives[0].RatioToResNet50, 12);
        Assert.Equal(15_105_886_208.0 / 23_587_712, alternatives[1].RatioToResNet50Keras, 12);
        Assert.InRange(alternatives[0].RatioToResNet50, 12, 12.1);       // one dense layer ≈ 12 ResNet-50s
        Assert.InRange(alternatives[1].RatioToResNet50, 591, 591.1);     // ≈ 591 ResNet-50s
    }

    [Fact]
    public void LayerFormulas()
    {
        Assert.Equal(64 * 3 * 7 * 7, ParameterFormulas.Conv2d(3, 64, 7, bias: false));
        Assert.Equal(64 * 3 * 3 * 3 + 64, ParameterFormulas.Conv2d(3, 64, 3));
        Assert.Equal(2 * 3 * 3 * 8 + 8, ParameterFormulas.Conv2d(4, 8, 3, groups: 2));
        Assert.Equal(10 * 5, ParameterFormulas.Linear(10, 5, bias: false));
        Assert.Equal(128, ParameterFormulas.BatchNorm(64));
        Assert.Equal(129, ParameterFormulas.BatchNormBuffers(64));
        Assert.Equal(112, ParameterFormulas.OutputSize(224, 7, 2, 3));
        Assert.Equal(56, ParameterFormulas.OutputSize(112, 3, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterFormulas.OutputSize(2, 7, 1, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => ParameterFormulas.Conv2d(3, 8, 3, groups: 2));
    }

    [Fact]
    public void MlpBreakdownAndMemory()
    {
        var mlp = Architectures.Mlp(784, 100, 3, 10);
        Assert.Equal(784 * 100 + 100 + 2 * (100 * 100 + 100) + 100 * 10 + 10, mlp.Parameters);
        Assert.Equal(["layers.0", "layers.1", "layers.2", "output"], mlp.Layers.Select(l => l.Name));
        Assert.Equal(4 * mlp.Parameters, mlp.Float32Bytes);
        Assert.Equal("97.5 MiB", Memory.Format(Architectures.ResNet50().Float32Bytes));
        Assert.Equal("56.3 GiB", Memory.Format(FullyConnectedAlternative.Seed()[1].Float32Bytes));
        Assert.Equal("512 B", Memory.Format(512));
        Assert.Equal("1.00 KiB", Memory.Format(1024));
    }

    [Fact]
    public void TextTableListsEveryLayerAndExplainsTheConventions()
    {
        var text = Architectures.ResNet50().ToString();
        Assert.Contains("layer3.5.conv2", text);
        Assert.Contains("25,557,032", text);
        Assert.Contains("25,636,712 = 25,557,032 + 26,560 conv biases + 53,120 moving mean/variance", text);
        Assert.Throws<ArgumentException>(() => Architectures.ResNet50().Without("classifier"));
    }
}
