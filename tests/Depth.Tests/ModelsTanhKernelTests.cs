using System.Numerics;
using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>The managed per-layer kernels of <see cref="TanhStack"/> (float32) against the libtorch formula in float64
/// (which <see cref="TanhStack"/> runs as libtorch calls): odd sizes, widths that are no multiple of a vector or a
/// tile, width 1, depth 1, more than one segment, with and without recomputed activations.</summary>
public class ModelsTanhKernelTests
{
    static double MaxDiff(Tensor a, Tensor b) => (a.to_type(ScalarType.Float64) - b.to_type(ScalarType.Float64)).abs().max().item<double>();

    [Fact]
    public void TanhIsWithinTwoUlpsOfTheExactValue()
    {
        var xs = new List<float> { 0f, -0f, 1e-30f, -1e-7f, 0.6249999f, 0.625f, -0.625f, 9.0f, 9.5f, 20f, -100f, float.MaxValue };
        for (float x = -12f; x <= 12f; x += 0.00137f) xs.Add(x);
        for (float x = 1e-6f; x < 1f; x *= 1.01f) xs.Add(-x);
        int v = Vector<float>.Count;
        for (int i = 0; i < xs.Count; i += v)
        {
            var chunk = new float[v];
            for (int k = 0; k < v; k++) chunk[k] = xs[Math.Min(i + k, xs.Count - 1)];
            var t = TanhKernel.Tanh(new Vector<float>(chunk));
            for (int k = 0; k < v; k++)
            {
                double exact = Math.Tanh(chunk[k]);
                double ulp = Math.Max(Math.Abs(exact), 1e-38) * Math.Pow(2, -23);
                Assert.True(Math.Abs(t[k] - exact) <= 2 * ulp, $"tanh({chunk[k]:R}) = {t[k]:R}, exact {exact:R}");
            }
        }
        var special = TanhKernel.Tanh(new Vector<float>([.. Enumerable.Repeat(float.NaN, v - 2), float.PositiveInfinity, float.NegativeInfinity]));
        Assert.True(float.IsNaN(special[0]));
        Assert.Equal(1f, special[v - 2]);
        Assert.Equal(-1f, special[v - 1]);
        Assert.True(float.IsNegative(TanhKernel.Tanh(new Vector<float>(-0f))[0]));
    }

    public static TheoryData<int, int, int, bool> Sizes => new()
    {
        { 1, 1, 1, false },      // width 1, depth 1
        { 5, 7, 3, false },      // less than a vector
        { 3, 33, 20, true },     // a tile and one column
        { 6, 16, 260, true },    // half a tile on 256-bit vectors; two segments, recomputed
        { 6, 16, 260, false },
        { 256, 32, 3, false },   // the stacked MLP's layer
        { 4, 32, 300, false },   // whole tiles, read in place; two segments
        { 9, 64, 4, true },      // the stacked CNN's dense layer (16 channels on 2×2 maps)
        { 2, 40, 1, false },
    };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void StackMatchesTheFloat64Formula(int batch, int width, int depth, bool recompute)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator((ulong)(batch * 1000 + width));
        var h0 = torch.randn([batch, width], generator: g);
        var weight = torch.randn([depth, width, width], generator: g) * (1.2 / Math.Sqrt(width));   // near critical
        var bias = torch.randn([depth, width], generator: g) * 0.1;
        var probe = torch.randn([batch, width], generator: g);

        var (hs, ws, bs, outSingle) = Run(ScalarType.Float32);
        var (hd, wd, bd, outDouble) = Run(ScalarType.Float64);
        Assert.True(MaxDiff(outSingle, outDouble) < 2e-5, $"outputs differ by {MaxDiff(outSingle, outDouble)}");
        foreach (var (single, exact) in new[] { (hs, hd), (ws, wd), (bs, bd) })
        {
            double scale = exact.abs().max().item<double>();
            Assert.True(scale > 0);
            Assert.True(MaxDiff(single, exact) <= 1e-4 * scale, $"gradients differ by {MaxDiff(single, exact)} (scale {scale})");
        }
        using (torch.no_grad())      // without autograd: the evaluation loop
        {
            var evaluated = TanhStack.Evaluate(h0.clone(), weight, bias);
            Assert.True(MaxDiff(evaluated, outDouble) < 2e-5);
            Assert.Equal(0.0, MaxDiff(evaluated, outSingle));          // the same kernel as training's forward
        }

        // ∂(Σ probe ⊙ h_L)/∂(h₀, W, b) and h_L, in the given dtype.
        (Tensor, Tensor, Tensor, Tensor) Run(ScalarType dtype)
        {
            var (x, w, b) = (Leaf(h0), Leaf(weight), Leaf(bias));
            var output = TanhStackFunction.Run(x, w, b, recompute);
            (output * probe.to_type(dtype)).sum().backward();
            Tensor Leaf(Tensor t) => t.detach().to_type(dtype).clone().requires_grad_();
            return (x.grad!, w.grad!, b.grad!, output.detach());
        }
    }

    // With two torch threads the rows are split in two parts (48 and 49 rows here), each run on its own thread through
    // every layer of a segment: the same numbers as one part, since every row is computed alike.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void RowPartsOnTwoThreadsGiveTheSameNumbers(bool recompute)
    {
        using var scope = NewDisposeScope();
        using var g = new Generator(7);
        var h0 = torch.randn([97, 33], generator: g);
        var weight = torch.randn([300, 33, 33], generator: g) * (1.1 / Math.Sqrt(33));
        var bias = torch.randn([300, 33], generator: g) * 0.1;
        int before = torch.get_num_threads();
        try
        {
            var (out1, grad1) = Run(1);
            var (out2, grad2) = Run(2);
            Assert.Equal(0.0, MaxDiff(out1, out2));
            Assert.Equal(0.0, MaxDiff(grad1, grad2));
            using var noGrad = torch.no_grad();
            Assert.Equal(0.0, MaxDiff(TanhStack.Evaluate(h0.clone(), weight, bias), out1));
        }
        finally { torch.set_num_threads(before); }

        // h_L and ∂(Σ h_L)/∂h₀ with the given torch thread count.
        (Tensor, Tensor) Run(int threads)
        {
            torch.set_num_threads(threads);
            var x = h0.clone().requires_grad_();
            var output = TanhStackFunction.Run(x, weight, bias, recompute);
            output.sum().backward();
            return (output.detach(), x.grad!);
        }
    }
}
