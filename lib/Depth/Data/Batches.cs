using static TorchSharp.torch;

namespace Depth;

/// <summary>Mini-batches of a <see cref="Dataset"/>.</summary>
public static class Batches
{
    /// <summary>Shuffled mini-batches (a fresh SplitMix64 permutation from <paramref name="seed"/>).
    /// The last batch is smaller when <paramref name="batchSize"/> does not divide the count, unless
    /// <paramref name="dropLast"/>. Batch tensors belong to the caller's current dispose scope.</summary>
    public static IEnumerable<(Tensor Inputs, Tensor Targets)> Shuffled(Dataset data, int batchSize, long seed, bool dropLast = false)
        => Ordered(data, batchSize, new SeededRandom(seed).Permutation(data.Count), dropLast);

    /// <summary>Mini-batches in the data set's own order.</summary>
    public static IEnumerable<(Tensor Inputs, Tensor Targets)> Sequential(Dataset data, int batchSize)
        => Ordered(data, batchSize, null, false);

    private static IEnumerable<(Tensor, Tensor)> Ordered(Dataset data, int batchSize, int[]? order, bool dropLast)
    {
        if (batchSize <= 0) throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, "must be positive");
        int n = data.Count;
        for (int start = 0; start < n; start += batchSize)
        {
            int size = Math.Min(batchSize, n - start);
            if (dropLast && size < batchSize) yield break;
            if (order is null)
            {
                yield return (data.Inputs.narrow(0, start, size), data.Targets.narrow(0, start, size));
            }
            else
            {
                var idx = tensor(order.AsSpan(start, size).ToArray().Select(i => (long)i).ToArray(), ScalarType.Int64);
                yield return (data.Inputs.index_select(0, idx), data.Targets.index_select(0, idx));
                idx.Dispose();
            }
        }
    }

    /// <summary>Number of batches per epoch.</summary>
    public static int Count(int examples, int batchSize, bool dropLast = false)
        => dropLast ? examples / batchSize : (examples + batchSize - 1) / batchSize;
}
