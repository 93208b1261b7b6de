using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

public class ModelsStackedTanhMlpTests
{
    static (Mlp Plain, StackedTanhMlp Stacked) Twins(int depth, int width, bool orthogonal = true)
    {
        var plain = new Mlp(7, width, depth, 3, Activation.Tanh, seed: 1);
        var stacked = new StackedTanhMlp(7, width, depth, 3, seed: 2);
        var scheme = InitScheme.Critical(1.05, 0.01, orthogonal);
        Assert.Equal(depth + 1, InitScheme.Apply(plain, scheme, seed: 5));
        Assert.Equal(depth + 1, InitScheme.Apply(stacked, scheme, seed: 5));
        return (plain, stacked);
    }

    static (Tensor X, Tensor Y) Batch(int rows)
    {
        using var g = new Generator(3);
        return (torch.randn([rows, 7], generator: g), torch.randint(0, 3, [rows], generator: g));
    }

    static float MaxDiff(Tensor a, Tensor b) => (a - b).abs().max().item<float>();

    [Theory]
    [InlineData(5, true)]      // not a multiple of 16: the stack is initialised layer by layer
    [InlineData(16, true)]     // one draw and one batched QR for the stack
    [InlineData(32, false)]
    public void InitSchemeGivesBothLayoutsTheSameWeights(int width, bool orthogonal)
    {
        var (plain, stacked) = Twins(depth: 6, width, orthogonal);
        var hidden = torch.stack(plain.Layers.Skip(1).Select(l => l.weight!).ToArray());   // [5, width, width]
        var biases = torch.stack(plain.Layers.Skip(1).Select(l => l.bias!).ToArray());     // [5, width]
        Assert.Equal(0f, MaxDiff(hidden, stacked.HiddenWeight));
        Assert.Equal(0f, MaxDiff(biases, stacked.HiddenBias));
        Assert.Equal(0f, MaxDiff(plain.Layers[0].weight!, stacked.Input.weight!));
        Assert.Equal(0f, MaxDiff(plain.Output.weight!, stacked.Output.weight!));
        Assert.Equal(0f, MaxDiff(plain.Output.bias!, stacked.Output.bias!));
    }

    [Fact]
    public void DefaultInitialisationIsUniformLayerByLayer()
    {
        var stacked = new StackedTanhMlp(7, 16, 4, 3, seed: 8);
        using var g = new Generator(8);
        foreach (var layer in stacked.WeightLayerViews())     // what uniform_ on each layer in turn draws
        {
            double bound = 1.0 / Math.Sqrt(layer.Weight.shape[1]);
            Assert.Equal(0f, MaxDiff(layer.Weight, torch.empty_like(layer.Weight).uniform_(-bound, bound, g)));
            Assert.Equal(0f, MaxDiff(layer.Bias!, torch.empty_like(layer.Bias!).uniform_(-bound, bound, g)));
        }
    }

    [Theory]
    [InlineData(1)]     // no hidden stack at all
    [InlineData(2)]
    [InlineData(40)]
    [InlineData(600)]   // more than two chunks of batched weight gradients
    public void SameFunctionAndSameGradientsAsTheTanhMlp(int depth)
    {
        var (plain, stacked) = Twins(depth, width: 6);
        var (x, y) = Batch(5);
        StackedTwins.AssertSameLossAndGradients(plain, stacked, x, y);
        Assert.True(MaxDiff(plain.Layers[0].weight!.grad!, stacked.Input.weight!.grad!) < 1e-6f);
        Assert.True(MaxDiff(plain.Layers[0].bias!.grad!, stacked.Input.bias!.grad!) < 1e-6f);
        Assert.True(MaxDiff(plain.Output.weight!.grad!, stacked.Output.weight!.grad!) < 1e-6f);
        if (depth == 1) return;
        var gw = torch.stack(plain.Layers.Skip(1).Select(l => l.weight!.grad!).ToArray());
        var gb = torch.stack(plain.Layers.Skip(1).Select(l => l.bias!.grad!).ToArray());
        float scale = gw.abs().max().item<float>();
        Assert.True(scale > 0);
        Assert.True(MaxDiff(gw, stacked.HiddenWeight.grad!) < 1e-5f * scale, "hidden weight gradients differ");
        Assert.True(MaxDiff(gb, stacked.HiddenBias.grad!) < 1e-5f * gb.abs().max().item<float>(), "hidden bias gradients differ");
    }

    // The activation block is reused between passes (TanhStackFunction's pool): a pass must not see another's
    // activations, whether the passes follow each other (block kept), interleave (second forward before the first
    // backward: a fresh block) or change size (smaller network in a larger kept block, then larger again).
    [Fact]
    public void ReusedActivationBlocksGiveTheSameGradients()
    {
        var deep = new StackedTanhMlp(7, 6, 300, 3, seed: 1).InitialisedWith(InitScheme.Critical(1.05, 0.01, true), 5);
        var small = new StackedTanhMlp(7, 4, 40, 3, seed: 2).InitialisedWith(InitScheme.Critical(1.05, 0.01, true), 6);
        var (x, y) = Batch(5);
        Tensor Grad(StackedTanhMlp m, Tensor loss)
        {
            loss.backward();
            var g = m.HiddenWeight.grad!.clone();
            m.zero_grad();
            return g;
        }
        Tensor Loss(StackedTanhMlp m) => nn.functional.cross_entropy(m.call(x), y);
        var deepAlone = Grad(deep, Loss(deep));
        var smallAlone = Grad(small, Loss(small));
        var deepAgain = Grad(deep, Loss(deep));                 // kept block, same size
        var (lossDeep, lossSmall) = (Loss(deep), Loss(small));  // interleaved: the second gets a fresh block
        var smallInterleaved = Grad(small, lossSmall);
        var deepInterleaved = Grad(deep, lossDeep);
        Assert.Equal(0f, MaxDiff(deepAlone, deepAgain));
        Assert.Equal(0f, MaxDiff(deepAlone, deepInterleaved));
        Assert.Equal(0f, MaxDiff(smallAlone, smallInterleaved));
        Assert.True(deepAlone.abs().max().item<float>() > 0);
    }

    // Recomputing the activations (one kept per segment of 256 layers) runs the same forward operations in the same
    // order, so the loss is bit-identical; the gradients agree to float rounding (the weight-gradient products read
    // the activations from differently aligned memory): across segment boundaries (300 = 256 + 44 layers) and for a
    // stack shorter than one segment.
    [Theory]
    [InlineData(300)]
    [InlineData(20)]
    public void RecomputedActivationsGiveTheSameGradients(int depth)
    {
        var kept = new StackedTanhMlp(7, 6, depth, 3, seed: 1).InitialisedWith(InitScheme.Critical(1.05, 0.01, true), 5);
        var recomputed = new StackedTanhMlp(7, 6, depth, 3, seed: 1) { RecomputeActivations = true }
            .InitialisedWith(InitScheme.Critical(1.05, 0.01, true), 5);
        var (x, y) = Batch(5);
        var lossKept = nn.functional.cross_entropy(kept.call(x), y);
        var lossRecomputed = nn.functional.cross_entropy(recomputed.call(x), y);
        Assert.Equal(lossKept.item<float>(), lossRecomputed.item<float>());
        lossKept.backward();
        lossRecomputed.backward();
        foreach (var (a, b) in new[] { (kept.HiddenWeight, recomputed.HiddenWeight), (kept.HiddenBias, recomputed.HiddenBias),
                     (kept.Input.weight!, recomputed.Input.weight!) })
        {
            float scale = a.grad!.abs().max().item<float>();
            Assert.True(scale > 0);
            Assert.True(MaxDiff(a.grad!, b.grad!) <= 1e-5f * scale, $"gradients differ by {MaxDiff(a.grad!, b.grad!)} (scale {scale})");
        }
    }

    [Fact]
    public void AdamMovesBothLayoutsAlike()
    {
        var (plain, stacked) = Twins(depth: 9, width: 4, orthogonal: false);
        var (x, y) = Batch(6);
        foreach (var (model, rate) in new (nn.Module<Tensor, Tensor>, double)[] { (plain, 1e-2), (stacked, 1e-2) })
        {
            using var adam = new Depth.KeptScalarAdam(model.parameters(), rate);   // the trainers' Adam
            for (int step = 0; step < 3; step++)
            {
                adam.zero_grad();
                nn.functional.cross_entropy(model.call(x), y).backward();
                adam.step();
            }
        }
        var hidden = torch.stack(plain.Layers.Skip(1).Select(l => l.weight!).ToArray());
        Assert.True(MaxDiff(hidden, stacked.HiddenWeight) < 1e-5f);
        using var noGrad = torch.no_grad();
        Assert.True(MaxDiff(plain.call(x), stacked.call(x)) < 1e-5f);
    }

    [Fact]
    public void CopyFromMakesTheSameFunctionWithoutAutograd()
    {
        var plain = new Mlp(7, 5, 30, 3, Activation.Tanh, seed: 4);
        var stacked = new StackedTanhMlp(7, 5, 30, 3, seed: 9);
        var (x, _) = Batch(4);
        using var noGrad = torch.no_grad();
        Assert.True(MaxDiff(plain.call(x), stacked.call(x)) > 1e-3f);   // different seeds, different functions
        stacked.CopyFrom(plain);
        Assert.True(MaxDiff(plain.call(x), stacked.call(x)) < 1e-6f);
        Assert.Equal(30, stacked.Depth);
        Assert.Equal(5, stacked.Width);
    }

    [Fact]
    public void BadShapesAreNamed()
    {
        Assert.Contains("hidden layer", Assert.Throws<ArgumentOutOfRangeException>(() => new StackedTanhMlp(7, 5, 0, 3)).Message);
        using var stacked = new StackedTanhMlp(7, 5, 4, 3);
        var e = Assert.Throws<ArgumentException>(() => stacked.CopyFrom(new Mlp(7, 5, 3, 3, Activation.Tanh)));
        Assert.Contains("depth 4", e.Message);
        Assert.Contains("plain tanh", Assert.Throws<ArgumentException>(() => stacked.CopyFrom(new Mlp(7, 5, 4, 3))).Message);
    }

    [Fact]
    public void MissingGradientIsNamed()
    {
        using var stacked = new StackedTanhMlp(7, 5, 4, 3);
        Assert.Contains("layers.0", Assert.Throws<InvalidOperationException>(() => GradientNorms.PerLayer(stacked)).Message);
    }
}
