using Depth;
using TorchSharp;
using static TorchSharp.torch;
using static Depth.Tests.InitTestHelpers;

namespace Depth.Tests;

public class InitOrthogonalTests
{
    [Theory]
    [InlineData(64, 64)]
    [InlineData(128, 64)]
    public void TallOrSquareWeightsHaveOrthonormalColumns(long rows, long cols)
    {
        using var g = Initialisers.Seeded(1);
        var w = Initialisers.Orthogonal(empty(rows, cols), g);
        Assert.True(Distance(w.t().matmul(w), eye(cols)) < 1e-5);
    }

    [Fact]
    public void WideWeightsHaveOrthonormalRowsAndGainScales()
    {
        using var g = Initialisers.Seeded(2);
        var w = Initialisers.Orthogonal(empty(32, 64), g, gain: 2.0);
        Assert.True(Distance(w.matmul(w.t()), eye(32) * 4) < 1e-4);
    }

    [Fact]
    public void SameSeedSameWeightsOtherSeedOtherWeights()
    {
        Tensor Draw(long seed) { using var g = Initialisers.Seeded(seed); return Initialisers.Orthogonal(empty(16, 16), g); }
        Assert.Equal(0.0, Distance(Draw(7), Draw(7)));
        Assert.True(Distance(Draw(7), Draw(8)) > 1);
    }

    [Fact]
    public void SignFixMakesTheDiagonalUnbiasedAsUnderHaarMeasure()
    {
        // Under Haar measure E[Q₀₀] = 0 (sd 1/2 for 4×4); a QR without the diag(R) sign fix gives a biased Q₀₀.
        using var g = Initialisers.Seeded(3);
        double sum = 0;
        const int draws = 400;
        for (int i = 0; i < draws; i++)
        {
            using var scope = NewDisposeScope();
            sum += Initialisers.HaarColumns(4, 4, g)[0, 0].item<double>();
        }
        Assert.InRange(sum / draws, -0.1, 0.1); // 4 standard errors
    }

    [Fact]
    public void DeltaOrthogonalHasOrthogonalCentreTapsAndZerosElsewhere()
    {
        using var g = Initialisers.Seeded(4);
        var w = Initialisers.DeltaOrthogonal(empty(16, 8, 3, 3), g);
        var centre = w[TensorIndex.Colon, TensorIndex.Colon, 1, 1];          // [16, 8]
        Assert.True(Distance(centre.t().matmul(centre), eye(8)) < 1e-5);
        var mask = ones(3, 3); mask[1, 1] = tensor(0f);
        Assert.Equal(0.0, Norm(w * mask));                                     // exactly zero off-centre
    }

    [Fact]
    public void DeltaOrthogonalConvolutionPreservesNormsOnRandomInputs()
    {
        using var g = Initialisers.Seeded(5);
        var conv = nn.Conv2d(8, 16, 3, padding: 1, bias: false);
        Initialisers.DeltaOrthogonal(conv.weight, g, gain: 1.0);
        var x = randn([4, 8, 12, 12], generator: g);
        using var _ = no_grad();
        var y = conv.forward(x);
        Assert.Equal(Norm(x), Norm(y), Norm(x) * 1e-5);
    }

    [Fact]
    public void DeltaOrthogonalRefusesMoreInChannelsThanOutChannels()
    {
        using var g = Initialisers.Seeded(6);
        var e = Assert.Throws<ArgumentException>(() => Initialisers.DeltaOrthogonal(empty(8, 16, 3, 3), g));
        Assert.Contains("c_in = 16 > c_out = 8", e.Message);
    }

    [Theory]
    [InlineData(32, true)]      // one randn and one batched QR for the stack
    [InlineData(32, false)]
    [InlineData(16, true)]
    [InlineData(10, true)]      // not a multiple of 16: layer by layer
    public void CriticalStackDrawsWhatCriticalDrawsLayerByLayer(int width, bool orthogonal)
    {
        const int layers = 5;
        using var one = Initialisers.Seeded(11);
        using var all = Initialisers.Seeded(11);
        var w = empty(layers, width, width);
        var b = empty(layers, width);
        for (int l = 0; l < layers; l++) Initialisers.Critical(w[l], b[l], 1.05, 1e-3, one, orthogonal);
        var ws = empty(layers, width, width);
        var bs = empty(layers, width);
        Initialisers.CriticalStack(ws, bs, 1.05, 1e-3, all, orthogonal);
        Assert.True(w.eq(ws).all().item<bool>() && b.eq(bs).all().item<bool>());     // bit for bit
        Assert.Equal(randn([1], generator: one).item<float>(), randn([1], generator: all).item<float>());   // as many draws
        Assert.False(ws[0].eq(ws[1]).all().item<bool>());                             // fresh layers
    }

    [Theory]
    [InlineData(new long[] { 4, 16, 16, 3, 3 }, true, true)]    // delta-orthogonal kernels
    [InlineData(new long[] { 4, 16, 16, 3, 3 }, false, true)]   // Gaussian kernels
    [InlineData(new long[] { 4, 32, 16 }, true, true)]          // orthonormal columns, out > in
    [InlineData(new long[] { 4, 16, 32 }, true, true)]          // out < in: layer by layer
    [InlineData(new long[] { 4, 32, 32 }, true, false)]         // no biases
    public void CriticalStackDrawsWhatCriticalDrawsForEveryShape(long[] shape, bool orthogonal, bool withBias)
    {
        using var one = Initialisers.Seeded(12);
        using var all = Initialisers.Seeded(12);
        var w = empty(shape);
        var b = withBias ? empty(shape[0], shape[1]) : null;
        for (int l = 0; l < shape[0]; l++) Initialisers.Critical(w[l], b?[l], 1.05, 1e-3, one, orthogonal);
        var ws = empty(shape);
        var bs = withBias ? empty(shape[0], shape[1]) : null;
        Initialisers.CriticalStack(ws, bs, 1.05, 1e-3, all, orthogonal);
        Assert.True(w.eq(ws).all().item<bool>());                                     // bit for bit
        if (withBias) Assert.True(b!.eq(bs!).all().item<bool>());
        Assert.Equal(randn([1], generator: one).item<float>(), randn([1], generator: all).item<float>());
    }
}

