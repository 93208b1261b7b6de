using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// The forward and backward passes of a stack of tanh layers h_{l+1} = tanh(W_l h_l + b_l), l = 0 … L−1, with
/// W [L, n, n] and b [L, n], shared by <see cref="TanhStackFunction"/> (the stacked MLP) and
/// <see cref="DenseConvStackFunction"/> (the stacked CNN on small maps).
/// </summary>
/// <remarks>
/// <para>Layers are walked in segments of <see cref="Segment"/>. Backward, with a_l = h_{l+1} the layer's output and
/// g the gradient with respect to it: δ_l = g ⊙ (1 − a_l²), g ← δ_l W_l for the layer below (sequential), and per
/// segment one <c>bmm</c> [k, n, B] × [k, B, n] for all k weight gradients δ_lᵀ h_l and one sum for the bias
/// gradients Σ_batch δ_l.</para>
/// <para>The sequential per-layer steps (forward, and backward's δ and g) run in <see cref="TanhKernel"/>, managed
/// code on the tensors' memory: at these sizes a libtorch call costs more than its arithmetic (for n = 32, B = 256
/// one layer's forward takes about 12 µs there against 30 µs as <c>addmm_</c> + <c>tanh_</c>). The batched weight
/// and bias gradients stay in libtorch. Other dtypes than float32 (float64 in checks) and CPUs without vector
/// hardware run the same steps as libtorch calls (2 per layer forward, 3 backward).</para>
/// <para>Two ways to keep what backward needs. <b>All activations</b>: L + 1 slots [B, n]. <b>Recomputed</b>
/// (gradient checkpointing; Chen et al. 2016, "Training Deep Nets with Sublinear Memory Cost",
/// arXiv:1604.06174): only the input of every segment, ⌈L/Segment⌉ + 1 slots, and backward runs each segment's
/// forward again into a buffer of Segment + 1 slots before walking it down. That costs a second forward pass and cuts
/// the activations' memory by about Segment/2 (for 10,000 layers 553 slots instead of 10,257).</para>
/// <para>Everything lives in one 1-D block from <see cref="BlockPool"/>, kept between steps, with room in front for
/// the caller (<see cref="Reserved"/>). Thousands of separate long-lived activations fragment the C heap (in a
/// notebook kernel, whose cells run on a worker thread with its own malloc arena, by 3 GB), and a fresh block of a few
/// hundred MB per step costs a page fault per 4 KB on first touch (on a virtual machine 1–4 s per step).</para>
/// </remarks>
internal sealed unsafe class TanhStack
{
    /// <summary>Layers per segment: per weight-gradient <c>bmm</c> and, when recomputing, per recomputed run.</summary>
    internal const int Segment = 256;

    readonly Tensor storage;      // 1-D, from the pool: [reserved | points | span | deltas]
    readonly Tensor points;       // recomputed: [⌈L/S⌉ + 1, B, n] segment inputs; otherwise [L + 1, B, n] every h_l
    readonly Tensor? span;        // recomputed only: [S + 1, B, n], one segment's activations
    readonly Tensor deltas;       // [min(S, L), B, n]: δ of one segment
    readonly int layers;
    readonly bool recompute;
    readonly bool managed;        // float32 on a CPU with vectors: the per-layer steps run in TanhKernel

    /// <summary>Rents the block for <paramref name="layers"/> layers of width <paramref name="width"/> at batch
    /// <paramref name="batch"/>, with <paramref name="reserve"/> elements in front for the caller.</summary>
    internal TanhStack(int layers, long batch, long width, bool recompute, long reserve, ScalarType dtype)
    {
        this.layers = layers;
        this.recompute = recompute;
        managed = Managed(dtype);
        long slot = batch * width, segment = Math.Min(Segment, layers);
        long pointSlots = recompute ? Segments + 1 : layers + 1, spanSlots = recompute ? segment + 1 : 0;
        storage = BlockPool.Rent(reserve + Slots(layers, recompute) * slot, dtype);
        Reserved = storage.narrow(0, 0, reserve);
        points = storage.narrow(0, reserve, pointSlots * slot).view(pointSlots, batch, width);
        span = recompute ? storage.narrow(0, reserve + pointSlots * slot, spanSlots * slot).view(spanSlots, batch, width) : null;
        deltas = storage.narrow(0, reserve + (pointSlots + spanSlots) * slot, segment * slot).view(segment, batch, width);
    }

    /// <summary>Activation-sized slots [B, n] the block holds for <paramref name="layers"/> layers: the kept
    /// activations (all L + 1, or one per segment + 1 with <paramref name="recompute"/>), the recomputed segment's
    /// S + 1, and one segment of deltas.</summary>
    internal static long Slots(int layers, bool recompute)
    {
        long segment = Math.Min(Segment, layers), segments = (layers + Segment - 1) / Segment;
        return recompute ? segments + 1 + segment + 1 + segment : layers + 1 + segment;
    }

    /// <summary>The caller's part of the block (e.g. the dense matrices W), uninitialised.</summary>
    internal Tensor Reserved { get; }

    int Segments => (layers + Segment - 1) / Segment;

    // Whether the per-layer steps run in TanhKernel; otherwise as libtorch calls (the only way for float64).
    static bool Managed(ScalarType dtype) => dtype == ScalarType.Float32 && TanhKernel.Supported;

    /// <summary>h₀ [B, n], W [L, n, n], b [L, n] → h_L [B, n] (a new tensor), keeping what backward needs.</summary>
    internal Tensor Forward(Tensor h0, Tensor weight, Tensor bias)
    {
        using var outer = NewDisposeScope();
        (weight, bias) = (weight.contiguous(), bias.contiguous());
        points[0].copy_(h0);
        for (int s = 0; s < Segments; s++)
        {
            var (from, k) = Bounds(s);
            using var scope = NewDisposeScope();
            var run = Run(s, from, k);
            Fill(run, weight, bias, from, k, managed);
            if (recompute) points[s + 1].copy_(run[k]);
        }
        return points[recompute ? Segments : layers].clone().MoveToOuterDisposeScope();
    }

    /// <summary>grad [B, n] with respect to h_L → ∂L/∂h₀ [B, n]. For each segment, from the top, hands
    /// <paramref name="sink"/> (first layer, ∂L/∂W [k, n, n], ∂L/∂b [k, n]) for its k layers; both are freed
    /// afterwards. Gives the block back to the pool: call once.</summary>
    internal Tensor Backward(Tensor grad, Tensor weight, Tensor bias, Action<int, Tensor, Tensor> sink)
    {
        using var outer = NewDisposeScope();
        (weight, bias) = (weight.contiguous(), bias.contiguous());
        Steps down = managed ? new ManagedSteps(grad, weight) : new LibtorchSteps(grad, weight);
        for (int s = Segments - 1; s >= 0; s--)
        {
            var (from, k) = Bounds(s);
            using var scope = NewDisposeScope();
            var run = Run(s, from, k);                                   // h_from … h_from+k [k + 1, B, n]
            if (recompute) Fill(run, weight, bias, from, k, managed);
            down.Walk(run, deltas, from, k);
            var dk = deltas.narrow(0, 0, k);                             // δ_l [k, B, n]
            sink(from, torch.bmm(dk.transpose(1, 2), run.narrow(0, 0, k)), dk.sum(1));
        }
        BlockPool.Return(storage);
        return down.Result().MoveToOuterDisposeScope();
    }

    // Backward's sequential steps, from the incoming gradient down: Walk covers one segment's layers from + k − 1 down
    // to from (δ into deltas [≥ k, B, n], g ← δ W); Result is ∂L/∂h₀ after the last segment.
    abstract class Steps
    {
        internal abstract void Walk(Tensor run, Tensor deltas, int from, int k);
        internal abstract Tensor Result();
    }

    // In TanhKernel, each part of the rows on its thread: g lives in two slots [2, B, n] used in turn (the incoming
    // grad first).
    sealed class ManagedSteps(Tensor grad, Tensor weight) : Steps
    {
        readonly Tensor top = grad.contiguous(), turns = torch.empty([2, grad.shape[0], grad.shape[1]], dtype: grad.dtype);
        readonly Tensor weight = weight;
        int last = -1;                                                   // the slot holding g; −1: still the grad

        internal override void Walk(Tensor run, Tensor deltas, int from, int k)
        {
            int batch = (int)top.shape[0], n = (int)top.shape[1], first = last;
            long slot = (long)batch * n;
            nint h = (nint)TanhKernel.Address(run), d = (nint)TanhKernel.Address(deltas);
            nint w = (nint)(TanhKernel.Address(weight) + (long)from * n * n);
            nint slots = (nint)TanhKernel.Address(turns), input = (nint)TanhKernel.Address(top);
            TanhKernel.ForRowParts(batch, n, (row, rows, buffer) =>
            {
                long offset = (long)row * n;
                for (int j = k - 1, turn = first; j >= 0; j--)
                {
                    float* g = (turn < 0 ? (float*)input : (float*)slots + turn * slot) + offset;
                    turn = turn == 0 ? 1 : 0;
                    TanhKernel.Backward(g, (float*)h + (j + 1) * slot + offset, (float*)w + (long)j * n * n,
                        (float*)d + j * slot + offset, (float*)slots + turn * slot + offset, rows, n, buffer);
                }
            });
            for (int j = 0; j < k; j++) last = last == 0 ? 1 : 0;          // the slot the lowest layer wrote
        }

        internal override Tensor Result() => turns[last];
    }

    // As libtorch calls (3 per layer), for float64 and CPUs without vector hardware.
    sealed class LibtorchSteps(Tensor grad, Tensor weight) : Steps
    {
        // One Scalar for all layers, alive to the end: a temporary one (value: -1) is only an IntPtr during the
        // native call, and the GC can finalize it mid-call, about once in 10⁶ calls (Depth.Scalars).
        readonly Scalar minusOne = (-1.0f).ToScalar();
        readonly Tensor weight = weight, top = grad;
        Tensor g = grad;

        internal override void Walk(Tensor run, Tensor deltas, int from, int k)
        {
            var h = run.unbind(0);
            var d = deltas.unbind(0);
            var w = weight.narrow(0, from, k).unbind(0);                 // W_l [n, n]
            for (int j = k - 1; j >= 0; j--)
            {
                var a = h[j + 1];                                        // the layer's output
                var ga = g.mul(a);
                var delta = d[j].copy_(g).addcmul_(ga, a, minusOne);     // g ⊙ (1 − a²)
                ga.Dispose();
                if (!ReferenceEquals(g, top)) g.Dispose();
                g = delta.mm(w[j]);                                      // ∂L/∂h_l [B, n]
            }
            g.MoveToOuterDisposeScope();
        }

        internal override Tensor Result()
        {
            minusOne.Dispose();
            return g;
        }
    }

    (int From, int Count) Bounds(int s) => (s * Segment, Math.Min(Segment, layers - s * Segment));

    // The slots of segment s: the recompute buffer (slot 0 = the segment's input), or the block's own slots.
    Tensor Run(int s, int from, int k)
    {
        if (!recompute) return points.narrow(0, from, k + 1);
        var run = span!.narrow(0, 0, k + 1);
        run[0].copy_(points[s]);
        return run;
    }

    // run[j + 1] = tanh(b_l + run[j] W_lᵀ) for l = from + j, j < k: in TanhKernel (each part of the rows on its
    // thread), else as libtorch calls.
    static void Fill(Tensor run, Tensor weight, Tensor bias, int from, int k, bool managed)
    {
        if (managed)
        {
            int batch = (int)run.shape[1], n = (int)run.shape[2];
            long slot = (long)batch * n;
            nint h = (nint)TanhKernel.Address(run), b = (nint)(TanhKernel.Address(bias) + (long)from * n);
            nint wtp = (nint)TanhKernel.Address(Transposed(weight, from, k));
            TanhKernel.ForRowParts(batch, n, (row, rows, buffer) =>
            {
                float* x = (float*)h + (long)row * n;
                for (int j = 0; j < k; j++)
                    TanhKernel.Forward(x + j * slot, (float*)wtp + (long)j * n * n, (float*)b + (long)j * n, x + (j + 1) * slot,
                        rows, n, buffer);
            });
            return;
        }
        using var scope = NewDisposeScope();
        run.narrow(0, 1, k).copy_(bias.narrow(0, from, k).unsqueeze(1));   // every row of slot j + 1 starts as b_l
        var slots = run.unbind(0);
        var wt = weight.narrow(0, from, k).transpose(1, 2).unbind(0);       // W_lᵀ [n, n] views
        for (int j = 0; j < k; j++)
            slots[j + 1].addmm_(slots[j], wt[j]).tanh_();
    }

    // W_lᵀ [k, n, n] for layers from … from + k − 1, one libtorch copy: TanhKernel's forward reads rows of Wᵀ.
    static Tensor Transposed(Tensor weight, int from, int k) => weight.narrow(0, from, k).transpose(1, 2).contiguous();

    /// <summary>h_L for h₀ [B, n], W [L, n, n], b [L, n] without autograd: frees each activation, h₀ included, as
    /// soon as the next exists, so 10,000 layers hold a few activations, not 10,000 (in TanhKernel: two slots used in
    /// turn).</summary>
    internal static Tensor Evaluate(Tensor h0, Tensor weight, Tensor bias)
    {
        using var scope = NewDisposeScope();
        if (Managed(h0.dtype) && weight.shape[0] > 0)
        {
            int batch = (int)h0.shape[0], n = (int)h0.shape[1], layers = (int)weight.shape[0];
            long slot = (long)batch * n;
            var (x, b) = (h0.contiguous(), bias.contiguous());
            var turns = torch.empty([2, batch, n], dtype: h0.dtype);         // layer l writes turns[l % 2]
            nint input = (nint)TanhKernel.Address(x), slots = (nint)TanhKernel.Address(turns), bp = (nint)TanhKernel.Address(b);
            for (int from = 0; from < layers; from += Segment)
            {
                int first = from, k = Math.Min(Segment, layers - from);
                using var segment = NewDisposeScope();
                nint wtp = (nint)TanhKernel.Address(Transposed(weight, first, k));
                TanhKernel.ForRowParts(batch, n, (row, rows, buffer) =>
                {
                    long offset = (long)row * n;
                    float* h = (first == 0 ? (float*)input : (float*)slots + ((first - 1) % 2) * slot) + offset;
                    for (int j = 0; j < k; j++)
                    {
                        float* output = (float*)slots + ((first + j) % 2) * slot + offset;
                        TanhKernel.Forward(h, (float*)wtp + (long)j * n * n, (float*)bp + (long)(first + j) * n, output, rows, n,
                            buffer);
                        h = output;
                    }
                });
            }
            h0.Dispose();
            return turns[(layers - 1) % 2].MoveToOuterDisposeScope();
        }
        var wt = weight.transpose(1, 2).unbind(0);   // W_lᵀ [n, n] views
        var bl = bias.unbind(0);
        var h = h0;
        for (int l = 0; l < wt.Length; l++)
        {
            var next = torch.addmm(bl[l], h, wt[l], 1, 1).tanh_();
            h.Dispose();
            h = next;
        }
        return h.MoveToOuterDisposeScope();
    }

    /// <summary><see cref="Evaluate(Tensor, Tensor, Tensor)"/> with weights the caller writes into a pooled block first (<paramref name="fill"/>
    /// gets [L, n, n]): evaluating a network whose dense matrices are built from its parameters then reuses the block
    /// training keeps instead of allocating a second copy.</summary>
    internal static Tensor Evaluate(Tensor h0, int layers, Action<Tensor> fill, Tensor bias)
    {
        long n = h0.shape[1];
        var storage = BlockPool.Rent(layers * n * n, h0.dtype);
        try
        {
            using var scope = NewDisposeScope();
            var weight = storage.narrow(0, 0, layers * n * n).view(layers, n, n);
            fill(weight);
            return Evaluate(h0, weight, bias).MoveToOuterDisposeScope();
        }
        finally
        {
            BlockPool.Return(storage);
        }
    }
}
