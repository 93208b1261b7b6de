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
/// The activations and one chunk of deltas live in one block, kept between steps.
/// </remarks>
internal sealed class TanhStackFunction : autograd.SingleTensorFunction<TanhStackFunction>
{
    /// <summary>Layers whose weight gradients are formed by one batched product.</summary>
    internal const int Chunk = 256;

    const string ActivationsKey = "activations";

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
    /// <remarks>All L + 1 activations live in one block [L + 1, B, n] (slot 0 is h₀), not in L separate tensors:
    /// thousands of long-lived 32 KB allocations fragment the C heap, and in a notebook kernel (whose cells run on a
    /// worker thread, with its own malloc arena) that fragmentation held 3 GB more than the activations themselves.
    /// The block's storage is kept for the next step (<see cref="BlockPool"/>).</remarks>
    public override Tensor forward(autograd.AutogradContext ctx, params object[] vars)
    {
        var (h0, weight, bias) = ((Tensor)vars[0], (Tensor)vars[1], (Tensor)vars[2]);
        var wt = weight.transpose(1, 2).unbind(0);   // W_lᵀ [n, n] views
        int layers = wt.Length;
        long batch = h0.shape[0], n = h0.shape[1], chunk = Math.Min(Chunk, layers);
        var storage = BlockPool.Rent((layers + 1 + chunk) * batch * n, h0.dtype);   // 1-D, kept between steps
        var activations = storage.narrow(0, 0, (layers + 1) * batch * n).view(layers + 1, batch, n);
        var deltaRows = storage.narrow(0, (layers + 1) * batch * n, chunk * batch * n)
            .view(chunk, batch, n);                                   // backward's δ of one chunk of layers
        activations[0].copy_(h0);
        activations.narrow(0, 1, layers).copy_(bias.unsqueeze(1));   // every row of slot l + 1 starts as b_l
        var slots = activations.unbind(0);                            // h_l [B, n] views
        for (int l = 0; l < layers; l++)
            slots[l + 1].addmm_(slots[l], wt[l]).tanh_();             // h_{l+1} = tanh(b_l + h_l W_lᵀ)
        foreach (var t in wt) t.Dispose();
        foreach (var t in slots) t.Dispose();
        ctx.save_for_backward([weight]);
        // A Tensor[]: single tensors go to save_for_backward.
        ctx.save_data(ActivationsKey, new[] { activations, deltaRows, storage });
        return activations[layers].clone();
    }

    /// <summary>grad [B, n] with respect to h_L → [∂L/∂h₀, ∂L/∂W, ∂L/∂b].</summary>
    public override List<Tensor> backward(autograd.AutogradContext ctx, Tensor grad)
    {
        var weight = ctx.get_saved_variables()[0];
        var saved = (Tensor[])ctx.get_data(ActivationsKey);
        var (activations, deltaRows) = (saved[0], saved[1]);         // [L + 1, B, n] (slot 0 = h₀), [k, B, n]
        var h = activations.unbind(0);                               // h_l [B, n] views
        int layers = h.Length - 1;
        var deltas = deltaRows.unbind(0);                             // reused by every chunk of layers
        var w = weight.unbind(0);                                     // W_l [n, n]
        var gradWeight = torch.empty_like(weight);                   // [L, n, n]
        var gradBias = torch.empty(weight.shape[0], weight.shape[1], dtype: weight.dtype);   // [L, n]
        // One Scalar for all layers, alive to the end: a temporary one (value: -1) is only an IntPtr during the
        // native call, and once in ~10⁶ calls the GC finalized it mid-call ("toFloat … Expected false to be true").
        using var minusOne = (-1.0f).ToScalar();
        var g = grad;
        for (int l = layers - 1; l >= 0; l--)
        {
            var a = h[l + 1];                                         // the layer's output
            var ga = g.mul(a);
            var delta = deltas[l % Chunk].copy_(g).addcmul_(ga, a, minusOne);   // g ⊙ (1 − a²)
            ga.Dispose();
            if (!ReferenceEquals(g, grad)) g.Dispose();
            g = delta.mm(w[l]);                                      // ∂L/∂h_l [B, n]
            if (l % Chunk == 0) Flush(l, Math.Min(layers, (l / Chunk + 1) * Chunk));
        }
        foreach (var t in w) t.Dispose();
        foreach (var t in h) t.Dispose();
        foreach (var t in deltas) t.Dispose();
        deltaRows.Dispose();
        activations.Dispose();
        BlockPool.Return(saved[2]);
        return [g, gradWeight, gradBias];

        // Weight and bias gradients of layers [from, to) (from a multiple of Chunk), whose deltas are complete.
        void Flush(int from, int to)
        {
            int k = to - from;
            using var scope = NewDisposeScope();
            var d = deltaRows.narrow(0, 0, k);                           // δ_l [k, B, n]
            var inputs = activations.narrow(0, from, k);                 // h_l [k, B, n]
            gradWeight.narrow(0, from, k).copy_(torch.bmm(d.transpose(1, 2), inputs));
            gradBias.narrow(0, from, k).copy_(d.sum(1));
        }
    }

    /// <summary>
    /// One activation block kept between steps. A fresh block of a few hundred MB each step is a fresh mapping: the
    /// kernel faults in every 4 KB page on first touch (80,000 faults for the 10,000-layer MLP at batch 256), and on a
    /// virtual machine that cost 1–4 s per step, more than the step's arithmetic (measured: a step took 4.5–5.5 s
    /// with a fresh block, 1.2–1.4 s with the old separate tensors, 0.85 s when the pages were huge pages).
    /// A kept block is faulted in once. The pool holds at most one block, the largest returned; a forward that finds
    /// it taken (a second network's forward before the first one's backward) gets a fresh one.
    /// </summary>
    static class BlockPool
    {
        static readonly object Gate = new();
        static Tensor? kept;   // 1-D storage, outside every dispose scope

        /// <summary>A 1-D tensor of at least <paramref name="count"/> elements (uninitialised), outside every
        /// dispose scope: give it back with <see cref="Return"/>.</summary>
        internal static Tensor Rent(long count, ScalarType dtype)
        {
            lock (Gate)
            {
                if (kept is { } block && block.dtype == dtype && block.numel() >= count)
                {
                    kept = null;
                    return block;
                }
            }
            return torch.empty(count, dtype: dtype).DetachFromDisposeScope();
        }

        /// <summary>Takes back a block from <see cref="Rent"/>: keeps the larger of it and the one kept, frees the
        /// other.</summary>
        internal static void Return(Tensor block)
        {
            Tensor? other = block;
            lock (Gate)
            {
                if (kept is null || block.numel() > kept.numel()) (kept, other) = (block, kept);
            }
            other?.Dispose();
        }
    }
}
