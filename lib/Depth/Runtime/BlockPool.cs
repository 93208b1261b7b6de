using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// One tensor block kept between training steps, for <c>TanhStack</c>'s activations. A fresh block of a few hundred MB
/// each step is a fresh mapping: the kernel faults in every 4 KB page on first touch (80,000 faults for the
/// 10,000-layer MLP at batch 256; on this course's virtual machine 1–4 s per step, more than the step's arithmetic).
/// A kept block is faulted in once. The pool holds at most one block, the largest returned; a forward that finds it
/// taken (a second network's forward before the first one's backward) gets a fresh one.
/// </summary>
internal static class BlockPool
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
