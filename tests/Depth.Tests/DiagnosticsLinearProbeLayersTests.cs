using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

public class DiagnosticsLinearProbeLayersTests
{
    [Fact]
    public void EachProbeReadsThatLayersFeaturesOfThePlainNetwork()
    {
        using var g = new Generator(5);
        var x = torch.randn([90, 6], generator: g);
        // 2 classes, linearly separable
        var labels = x[.., 0].gt(0).to(ScalarType.Int64);
        var scheme = InitScheme.Critical(1.2, 0.01, orthogonal: true);
        var stacked = new StackedTanhMlp(6, 8, 5, 2).InitialisedWith(scheme, 4);
        var plain = new Mlp(6, 8, 5, 2, Activation.Tanh).InitialisedWith(scheme, 4);
        var (trainX, trainY) = (x.narrow(0, 0, 60), labels.narrow(0, 0, 60));
        var (testX, testY) = (x.narrow(0, 60, 30), labels.narrow(0, 60, 30));

        int[] layers = [5, 1, 3];
        var probes = LinearProbe.AcrossLayers(stacked, trainX, trainY, testX, testY, layers,
            classes: 2);

        using var noGrad = torch.no_grad();
        for (int i = 0; i < layers.Length; i++)
        {
            Tensor h = x;
            for (int l = 0; l < layers[i]; l++) h = plain.Layers[l].call(h).tanh();
            double expected = LinearProbe.Accuracy(h.narrow(0, 0, 60), trainY, h.narrow(0, 60, 30),
                testY, 2);
            Assert.Equal(expected, probes[i]);
        }
        Assert.True(probes[1] > 0.75, $"layer 1 keeps the classes: {probes[1]}");
    }

    [Fact]
    public void ALayerOutsideTheNetworkIsRefused()
    {
        var model = new StackedTanhMlp(4, 3, 2, 2);
        var x = torch.zeros(4, 4);
        var y = torch.zeros(4, dtype: ScalarType.Int64);
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => LinearProbe.AcrossLayers(model, x, y, x, y, [3], 2));
        Assert.Contains("1 … 2", e.Message);
    }
}
