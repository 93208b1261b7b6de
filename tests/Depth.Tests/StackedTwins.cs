using TorchSharp;
using static TorchSharp.torch;
using Depth;

namespace Depth.Tests;

/// <summary>Checks shared by the stacked models' tests: a stacked network against the same network built from one
/// module per layer.</summary>
static class StackedTwins
{
    /// <summary>Same cross-entropy on (x, y), then after one backward pass each the same gradient norm at every
    /// layer, named alike (relative 1e-5).</summary>
    public static void AssertSameLossAndGradients(nn.Module<Tensor, Tensor> plain, nn.Module<Tensor, Tensor> stacked,
        Tensor x, Tensor y)
    {
        var lossPlain = nn.functional.cross_entropy(plain.call(x), y);
        var lossStacked = nn.functional.cross_entropy(stacked.call(x), y);
        Assert.Equal(lossPlain.item<float>(), lossStacked.item<float>(), 1e-6f);
        lossPlain.backward();
        lossStacked.backward();
        var a = GradientNorms.PerLayer(plain);
        var b = GradientNorms.PerLayer(stacked);
        Assert.Equal(a.Names, b.Names);
        for (int l = 0; l < a.Count; l++)
            Assert.True(Math.Abs(a.Norms[l] - b.Norms[l]) <= 1e-5 * a.Norms[l] + 1e-12,
                $"layer {l}: {a.Norms[l]} vs {b.Norms[l]}");
    }
}
