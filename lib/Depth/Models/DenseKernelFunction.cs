using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// 3×3 kernels K [L, c, c, 3, 3] → the dense matrices M [L, c·H·W, c·H·W] of their convolutions (padding 1) on maps
/// of at most 2×2, where every output pixel sees every input pixel:
/// M[l, o·HW + p, i·HW + q] = K[l, o, i, q_y − p_y + 1, q_x − p_x + 1].
/// </summary>
/// <remarks>Forward is HW² strided copies of a [L, c, c] tap into its block; backward adds each block's gradient
/// back onto its tap. <c>index_select</c> does the same, but its gather and scatter are element by element and took
/// 1–3 s for 10,000 layers of 16 channels, against a fraction of that here.</remarks>
internal sealed class DenseKernelFunction : autograd.SingleTensorFunction<DenseKernelFunction>
{
    const string MapKey = "map";

    public override string Name => nameof(DenseKernelFunction);

    /// <summary>vars: K [L, c, c, 3, 3], height, width → M [L, c·HW, c·HW].</summary>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (kernels, height, width) = ((Tensor)vars[0], (long)vars[1], (long)vars[2]);
        long layers = kernels.shape[0], n = kernels.shape[1] * height * width;
        var dense = torch.empty([layers, n, n], dtype: kernels.dtype);
        Fill(dense, kernels, height, width);
        ctx.save_data(MapKey, (height, width));
        return dense;
    }

    /// <summary>grad [L, c·HW, c·HW] → [∂L/∂K].</summary>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
    {
        var (height, width) = ((long, long))ctx.get_data(MapKey);
        long layers = grad.shape[0], c = grad.shape[1] / (height * width);
        var gradKernels = torch.empty([layers, c, c, 3, 3], dtype: grad.dtype);
        AddBack(gradKernels, grad, height, width);
        return [gradKernels, null!, null!];               // nothing for the map size
    }

    /// <summary>Writes the dense matrices of <paramref name="kernels"/> [L, c, c, 3, 3] into
    /// <paramref name="dense"/> [L, c·HW, c·HW] (contiguous).</summary>
    internal static void Fill(Tensor dense, Tensor kernels, long height, long width)
    {
        long layers = kernels.shape[0], c = kernels.shape[1], hw = height * width;
        using var scope = NewDisposeScope();
        var blocks = dense.view(layers, c, hw, c, hw);                  // [L, o, p, i, q]
        foreach (var (p, q, ky, kx) in Pairs(height, width))
            blocks.select(4, q).select(2, p).copy_(kernels.select(4, kx).select(3, ky));
    }

    /// <summary>Writes into <paramref name="gradKernels"/> [L, c, c, 3, 3] the sum of the blocks of
    /// <paramref name="grad"/> [L, c·HW, c·HW] on each tap, zero on taps no pixel pair uses: the backward of
    /// <see cref="Fill"/>. Overwrites what gradKernels held, so it may come from <c>torch.empty</c>.</summary>
    internal static void AddBack(Tensor gradKernels, Tensor grad, long height, long width)
    {
        long layers = grad.shape[0], hw = height * width, c = grad.shape[1] / hw;
        using var scope = NewDisposeScope();
        var blocks = grad.reshape(layers, c, hw, c, hw);
        var written = new bool[3, 3];
        foreach (var (p, q, ky, kx) in Pairs(height, width))
        {
            var tap = gradKernels.select(4, kx).select(3, ky);
            var block = blocks.select(4, q).select(2, p);
            if (written[ky, kx]) tap.add_(block, Scalars.One);
            else tap.copy_(block);
            written[ky, kx] = true;
        }
        for (int ky = 0; ky < 3; ky++)
            for (int kx = 0; kx < 3; kx++)
                if (!written[ky, kx]) gradKernels.select(4, kx).select(3, ky).zero_();
    }

    // Every (output pixel p, input pixel q) of an H×W map and the tap (ky, kx) that connects them.
    static IEnumerable<(long P, long Q, long Ky, long Kx)> Pairs(long height, long width)
    {
        long hw = height * width;
        for (long p = 0; p < hw; p++)
            for (long q = 0; q < hw; q++)
                yield return (p, q, q / width - p / width + 1, q % width - p % width + 1);
    }
}

/// <summary>
/// The same-size layers of <see cref="StackedTanhCnn"/> on maps of at most 2×2 as one autograd node: the kernels
/// K [L, c, c, 3, 3] become the dense matrices M [L, c·HW, c·HW] of <see cref="DenseKernelFunction"/>, and
/// h_{l+1} = tanh(M_l h_l + b_l) runs as <see cref="TanhStack"/>.
/// </summary>
/// <remarks>One node instead of two (<see cref="DenseKernelFunction"/> then <see cref="TanhStackFunction"/>) for
/// memory: M lives in the stack's kept block instead of a fresh tensor per step, and backward turns each segment's
/// ∂L/∂M into kernel gradients at once, so the full ∂L/∂M [L, c·HW, c·HW] never exists. For 10,000 layers of 16
/// channels on 2×2 maps that is 2 × 164 MB less, and no page faults for a fresh M every step.</remarks>
internal sealed class DenseConvStackFunction : autograd.SingleTensorFunction<DenseConvStackFunction>
{
    const string StackKey = "stack";

    public override string Name => nameof(DenseConvStackFunction);

    /// <summary>vars: h₀ [B, c·HW], K [L, c, c, 3, 3], b [L, c·HW], height, width, recompute → h_L [B, c·HW].</summary>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (h0, kernels, bias) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2]);
        var (height, width, recompute) = ((long)vars[3], (long)vars[4], (bool)vars[5]);
        long layers = kernels.shape[0], n = h0.shape[1];
        var stack = new TanhStack((int)layers, h0.shape[0], n, recompute, reserve: layers * n * n, h0.dtype);
        var dense = stack.Reserved.view(layers, n, n);                  // M, in the kept block
        DenseKernelFunction.Fill(dense, kernels, height, width);
        var output = stack.Forward(h0, dense, bias);
        ctx.save_for_backward([bias]);
        ctx.save_data(StackKey, (stack, dense, height, width, kernels.shape));
        return output;
    }

    /// <summary>grad [B, c·HW] with respect to h_L → [∂L/∂h₀, ∂L/∂K, ∂L/∂b].</summary>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
    {
        var bias = ctx.get_saved_variables()[0];
        var (stack, dense, height, width, shape) = ((TanhStack, Tensor, long, long, long[]))ctx.get_data(StackKey);
        var gradKernels = torch.empty(shape, dtype: grad.dtype);     // [L, c, c, 3, 3], every segment written
        var gradBias = torch.empty_like(bias);                       // [L, c·HW]
        var g = stack.Backward(grad, dense, bias, (from, dm, db) =>
        {
            DenseKernelFunction.AddBack(gradKernels.narrow(0, from, dm.shape[0]), dm, height, width);
            gradBias.narrow(0, from, db.shape[0]).copy_(db);
        });
        return [g, gradKernels, gradBias, null!, null!, null!];
    }
}
