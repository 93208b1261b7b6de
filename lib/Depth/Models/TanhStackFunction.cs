using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// h_{l+1} = tanh(W_l h_l + b_l) for the l = 0 … L−1 layers of a stacked weight W [L, n, n] and bias b [L, n], as one
/// autograd node with a hand-written backward (<see cref="TanhStack"/>: each layer one managed pass forward and one
/// backward, plus one batched matrix product per segment of layers for all weight gradients at once).
/// </summary>
internal sealed class TanhStackFunction : autograd.SingleTensorFunction<TanhStackFunction>
{
    const string StackKey = "stack";

    public override string Name => nameof(TanhStackFunction);

    /// <summary>h_L for h₀ [B, n], W [L, n, n], b [L, n] (L ≥ 1): one autograd node when gradients are on (keeping
    /// every activation, or with <paramref name="recompute"/> only one per segment; see <see cref="TanhStack"/>);
    /// without them (evaluation under <c>torch.no_grad()</c>) a loop that frees each activation as soon as the next
    /// exists.</summary>
    internal static Tensor Run(Tensor h0, Tensor weight, Tensor bias, bool recompute = false) =>
        torch.is_grad_enabled() ? apply(h0, weight, bias, recompute) : TanhStack.Evaluate(h0, weight, bias);

    /// <summary>vars: h₀ [B, n], W [L, n, n], b [L, n], recompute → h_L [B, n].</summary>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (h0, weight, bias, recompute) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2], (bool)vars[3]);
        var stack = new TanhStack((int)weight.shape[0], h0.shape[0], h0.shape[1], recompute, reserve: 0, h0.dtype);
        var output = stack.Forward(h0, weight, bias);
        ctx.save_for_backward([weight, bias]);
        ctx.save_data(StackKey, stack);
        return output;
    }

    /// <summary>grad [B, n] with respect to h_L → [∂L/∂h₀, ∂L/∂W, ∂L/∂b].</summary>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
    {
        var saved = ctx.get_saved_variables();
        var (weight, bias) = (saved[0], saved[1]);
        var stack = (TanhStack)ctx.get_data(StackKey);
        var gradWeight = torch.empty_like(weight);                   // [L, n, n]
        var gradBias = torch.empty_like(bias);                       // [L, n]
        var g = stack.Backward(grad, weight, bias, (from, dw, db) =>
        {
            gradWeight.narrow(0, from, dw.shape[0]).copy_(dw);
            gradBias.narrow(0, from, db.shape[0]).copy_(db);
        });
        return [g, gradWeight, gradBias, null!];
    }
}
