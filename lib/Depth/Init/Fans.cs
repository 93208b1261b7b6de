using static TorchSharp.torch;

namespace Depth;

/// <summary>Whether a variance-scaling initialiser normalises by fan-in or fan-out.</summary>
public enum FanMode
{
    /// <summary>Preserve the forward signal: Var(W) ∝ 1/fan_in.</summary>
    FanIn,
    /// <summary>Preserve the backward signal: Var(W) ∝ 1/fan_out.</summary>
    FanOut,
}

/// <summary>Fan-in and fan-out of a weight tensor, as torch.nn.init computes them.</summary>
public static class Fans
{
    /// <summary>
    /// For a weight [out, in] (Linear) or [out, in, k₁, …] (convolution): fan_in = in·∏k, fan_out = out·∏k.
    /// </summary>
    /// <exception cref="ArgumentException">The tensor has fewer than two dimensions.</exception>
    public static (long FanIn, long FanOut) Of(Tensor weight)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.dim() < 2)
            throw new ArgumentException($"Fan-in/fan-out need a weight with at least 2 dimensions; got shape [{string.Join(", ", weight.shape)}].", nameof(weight));
        long receptive = 1;
        for (int d = 2; d < weight.dim(); d++) receptive *= weight.shape[d];
        return (weight.shape[1] * receptive, weight.shape[0] * receptive);
    }

    /// <summary>The fan selected by <paramref name="mode"/>.</summary>
    public static long Of(Tensor weight, FanMode mode)
    {
        var (fanIn, fanOut) = Of(weight);
        return mode == FanMode.FanIn ? fanIn : fanOut;
    }
}
