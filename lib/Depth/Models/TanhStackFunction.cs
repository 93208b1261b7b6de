using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Models;

/// <summary>
/// h_{l+1} = tanh(W_l h_l + b_l) for the l = 0 … L−1 layers of a stacked weight W [L, n, n] and bias b [L, n], as one
/// autograd node with a hand-written backward (the forward is 2 kernel calls per layer, the backward 3, plus one
/// batched matrix product per chunk of layers for all weight gradients at once).
/// </summary>
/// <remarks>
/// Backward, with a_l = h_{l+1} the layer's output and g the gradient with respect to it:
/// δ_l = g ⊙ (1 − a_l²) (tanh' = 1 − tanh²), ∂L/∂W_l = δ_lᵀ h_l, ∂L/∂b_l = Σ_batch δ_l, and g ← δ_l W_l for the layer below.
/// The chain g ← δ_l W_l is sequential; the weight and bias gradients are not, so they are formed per chunk of
/// <see cref="Chunk"/> layers with one <c>bmm</c> [k, n, B] × [k, B, n] and one sum, instead of 2 calls per layer.
/// Activations are freed as soon as backward has used them.
/// </remarks>
internal sealed class TanhStackFunction : autograd.SingleTensorFunction<TanhStackFunction>
{
    /// <summary>Layers whose weight gradients are formed by one batched product.</summary>
    internal const int Chunk = 256;

    const string OutputsKey = "outputs";

    public override string Name => nameof(TanhStackFunction);

    /// <summary>h_L for h₀ [B, n], W [L, n, n], b [L, n] (L ≥ 1): one autograd node when gradients are on; without
    /// them (evaluation under <c>torch.no_grad()</c>) a loop that frees each activation, h₀ included, as soon as
    /// the next exists, so 10,000 layers hold a few activations, not 10,000.</summary>
    internal static Tensor Run(Tensor h0, Tensor weight, Tensor bias)
    {
        if (torch.is_grad_enabled()) return apply(h0, weight, bias);
        using var scope = NewDisposeScope();
        var wt = weight.transpose(1, 2).unbind(0);   // W_lᵀ [n, n] views
        var b = bias.unbind(0);
        var h = h0;
        for (int l = 0; l < wt.Length; l++)
        {
            var next = torch.addmm(b[l], h, wt[l], 1, 1).tanh_();
            h.Dispose();
            h = next;
        }
        return h.MoveToOuterDisposeScope();
    }

    /// <summary>vars: h₀ [B, n], W [L, n, n], b [L, n] → h_L [B, n].</summary>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (h0, weight, bias) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2]);
        var wt = weight.transpose(1, 2).unbind(0);   // W_lᵀ [n, n] views
        var b = bias.unbind(0);                       // b_l [n] views
        var outputs = new Tensor[wt.Length];          // a_l = h_{l+1} [B, n]
        var h = h0;
        for (int l = 0; l < wt.Length; l++)
            h = outputs[l] = torch.addmm(b[l], h, wt[l], 1, 1).tanh_();
        foreach (var t in wt) t.Dispose();
        foreach (var t in b) t.Dispose();
        ctx.save_for_backward([h0, weight]);
        ctx.save_data(OutputsKey, outputs);
        return h;
    }

    /// <summary>grad [B, n] with respect to h_L → [∂L/∂h₀, ∂L/∂W, ∂L/∂b].</summary>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
    {
        var saved = ctx.get_saved_variables();
        var (h0, weight) = (saved[0], saved[1]);
        var outputs = (Tensor[])ctx.get_data(OutputsKey);
        int layers = outputs.Length;
        var w = weight.unbind(0);                                     // W_l [n, n]
        var gradWeight = torch.empty_like(weight);                   // [L, n, n]
        var gradBias = torch.empty(weight.shape[0], weight.shape[1], dtype: weight.dtype);   // [L, n]
        var deltas = new Tensor[layers];
        var g = grad;
        for (int l = layers - 1; l >= 0; l--)
        {
            var a = outputs[l];
            var ga = g.mul(a);
            var delta = deltas[l] = g.addcmul(ga, a, value: -1);    // g ⊙ (1 − a²)
            ga.Dispose();
            if (!ReferenceEquals(g, grad)) g.Dispose();
            g = delta.mm(w[l]);                                      // ∂L/∂h_l [B, n]
            if (l % Chunk == 0) Flush(l, Math.Min(layers, (l / Chunk + 1) * Chunk));
        }
        foreach (var t in w) t.Dispose();
        return [g, gradWeight, gradBias];

        // Weight and bias gradients of layers [from, to), whose deltas are complete; then free what they used.
        void Flush(int from, int to)
        {
            int k = to - from;
            using (var scope = NewDisposeScope())
            {
                var d = torch.stack(deltas[from..to]);                       // [k, B, n]
                var inputs = torch.stack(Enumerable.Range(from, k)
                    .Select(l => l == 0 ? h0 : outputs[l - 1]));            // h_l [k, B, n]
                gradWeight.narrow(0, from, k).copy_(torch.bmm(d.transpose(1, 2), inputs));
                gradBias.narrow(0, from, k).copy_(d.sum(1));
            }
            for (int l = from; l < to; l++)
            {
                deltas[l].Dispose();
                if (l < layers - 1) outputs[l].Dispose();   // the last output is the node's result
            }
        }
    }
}
