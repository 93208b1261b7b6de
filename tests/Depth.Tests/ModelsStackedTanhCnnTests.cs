using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

public class ModelsStackedTanhCnnTests
{
    static float MaxDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    [Theory]
    [InlineData(2, 2)]   // the stem only: no stacked layers
    [InlineData(7, 2)]
    [InlineData(9, 3)]   // 2×2 maps: the stack runs as dense matrices
    [InlineData(8, 4)]   // 1×1 maps: only the kernels' centre taps act
    [InlineData(300, 3, true)]   // 2×2 maps, more than one segment, activations recomputed in backward
    public void SameFunctionAndGradientsAsDeepTanhCnn(int depth, int strided, bool recompute = false)
    {
        var plain = new DeepTanhCnn(1, 4, depth, 3, strided, seed: 1);
        var stacked = new StackedTanhCnn(1, 4, depth, 3, strided, seed: 2) { RecomputeActivations = recompute };
        var scheme = InitScheme.Critical(1.3, 0.01);                      // Gaussian: every tap non-zero
        Assert.Equal(depth + 1, InitScheme.Apply(plain, scheme, seed: 6));
        Assert.Equal(depth + 1, InitScheme.Apply(stacked, scheme, seed: 6));
        using var g = new Generator(3);
        var x = torch.rand([5, 1, 13, 13], generator: g);
        var y = torch.randint(0, 3, [5], generator: g);
        StackedTwins.AssertSameLossAndGradients(plain, stacked, x, y);
        if (depth > strided)
        {
            var gw = torch.stack(plain.Layers.Skip(strided).Select(l => l.weight!.grad!).ToArray());
            Assert.True(MaxDiff(gw, stacked.HiddenWeight.grad!) < 1e-5f * gw.abs().max().item<float>());
        }
        using var noGrad = torch.no_grad();
        Assert.True(MaxDiff(plain.call(x), stacked.call(x)) < 1e-6f);
    }

    [Fact]
    public void DenseKernelsAreTheConvolutionOnATwoByTwoMap()
    {
        var cnn = new StackedTanhCnn(1, 3, 4, 2, stridedLayers: 2, seed: 1);
        using var g = new Generator(5);
        var h = torch.randn([4, 3, 2, 2], generator: g);
        var matrices = cnn.DenseKernels(2, 2);                                   // [2, 12, 12]
        Assert.Equal(new long[] { 2, 12, 12 }, matrices.shape);
        for (int l = 0; l < 2; l++)
        {
            var conv = nn.functional.conv2d(h, cnn.HiddenWeight[l], padding: [1, 1]);
            var dense = h.flatten(1).matmul(matrices[l].t()).reshape(4, 3, 2, 2);
            Assert.True(MaxDiff(conv, dense) < 1e-5f, $"layer {l}: {MaxDiff(conv, dense)}");
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => cnn.DenseKernels(3, 3));
    }

    [Theory]
    [InlineData(16, true)]     // delta-orthogonal: one draw and one batched QR for the stack
    [InlineData(16, false)]    // Gaussian: one draw
    [InlineData(6, true)]      // not a multiple of 16: layer by layer
    public void CriticalSchemeGivesBothLayoutsTheSameWeights(int channels, bool orthogonal)
    {
        var plain = new DeepTanhCnn(1, channels, 7, 3, 2, seed: 1);
        var stacked = new StackedTanhCnn(1, channels, 7, 3, 2, seed: 2);
        var scheme = InitScheme.Critical(1.3, 0.01, orthogonal);
        InitScheme.Apply(plain, scheme, seed: 6);
        InitScheme.Apply(stacked, scheme, seed: 6);
        var plainViews = plain.Layers.Select(l => (l.weight!, l.bias!)).Append((plain.Classifier.weight!, plain.Classifier.bias!));
        foreach (var ((w, b), view) in plainViews.Zip(stacked.WeightLayerViews()))
        {
            Assert.Equal(0f, MaxDiff(w, view.Weight));
            Assert.Equal(0f, MaxDiff(b, view.Bias!));
        }
    }

    [Fact]
    public void DefaultInitialisationIsUniformLayerByLayer()
    {
        var stacked = new StackedTanhCnn(1, 16, 6, 3, 2, seed: 8);
        using var g = new Generator(8);
        foreach (var layer in stacked.WeightLayerViews())     // what uniform_ on each layer in turn draws
        {
            double bound = 1.0 / Math.Sqrt(layer.Weight[0].numel());
            Assert.Equal(0f, MaxDiff(layer.Weight, torch.empty_like(layer.Weight).uniform_(-bound, bound, g)));
            Assert.Equal(0f, MaxDiff(layer.Bias!, torch.empty_like(layer.Bias!).uniform_(-bound, bound, g)));
        }
    }

    [Fact]
    public void DeltaOrthogonalReachesTheStackedKernels()
    {
        var cnn = new StackedTanhCnn(1, 6, 5, 10, stridedLayers: 2, seed: 1);
        cnn.InitialisedWith(InitScheme.DeltaOrthogonal(gain: 1.0), seed: 2);
        var centre = cnn.HiddenWeight[.., .., .., 1, 1];                        // [3, 6, 6]
        var gram = torch.bmm(centre.transpose(1, 2), centre);                 // QᵀQ per layer
        Assert.True(MaxDiff(gram, torch.eye(6).expand(3, 6, 6)) < 1e-5f);
        Assert.Equal(0f, cnn.HiddenWeight.abs().sum().item<float>() - centre.abs().sum().item<float>(), 3);
    }

    [Fact]
    public void CopyFromAndBadShapesAreNamed()
    {
        var plain = new DeepTanhCnn(1, 4, 6, 3, 2, seed: 4);
        var stacked = new StackedTanhCnn(1, 4, 6, 3, 2, seed: 5);
        stacked.CopyFrom(plain);
        using var g = new Generator(1);
        var x = torch.rand([2, 1, 8, 8], generator: g);
        using (torch.no_grad()) Assert.True(MaxDiff(plain.call(x), stacked.call(x)) < 1e-6f);
        Assert.Contains("depth 6", Assert.Throws<ArgumentException>(() => stacked.CopyFrom(new DeepTanhCnn(1, 4, 7, 3, 2))).Message);
        Assert.Contains("strided", Assert.Throws<ArgumentOutOfRangeException>(() => new StackedTanhCnn(1, 4, 6, 3, 0)).Message);
    }
}
