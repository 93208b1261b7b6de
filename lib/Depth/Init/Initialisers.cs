using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// Weight initialisers, modelled on torch.nn.init: each fills a tensor in place (without recording
/// gradients) from an explicit <see cref="Generator"/>, so the same seed gives the same weights,
/// and returns the tensor. Sampling is done in float64 and copied into the tensor's dtype.
/// </summary>
public static partial class Initialisers
{
    /// <summary>A generator seeded with <paramref name="seed"/> (CPU).</summary>
    public static Generator Seeded(long seed) => new((ulong)seed);

    /// <summary>
    /// The naive "before" case: every weight ~ N(0, 1), whatever the fan-in. Each layer then multiplies the
    /// signal's variance by fan_in (LeCun et al. 1998, "Efficient BackProp", §4.6, explains why this is bad).
    /// </summary>
    public static Tensor Naive(Tensor tensor, Generator generator) => Normal(tensor, generator, 1.0);

    /// <summary>
    /// The other "before" case: small uniform weights U(−a, a), a = <paramref name="limit"/> (default 0.01),
    /// independent of the width; Var = a²/3. Signals shrink by fan_in·a²/3 per layer
    /// (the heuristic Glorot and Bengio 2010 set out to replace).
    /// </summary>
    public static Tensor SmallUniform(Tensor tensor, Generator generator, double limit = 0.01)
    {
        if (!(limit > 0)) throw new ArgumentOutOfRangeException(nameof(limit), limit, "Uniform limit must be positive.");
        return Uniform(tensor, generator, limit);
    }

    /// <summary>
    /// Xavier/Glorot uniform: W ~ U(−a, a), a = gain·√(6 / (fan_in + fan_out)), so Var(W) = 2·gain²/(fan_in + fan_out)
    /// (Glorot and Bengio 2010, "Understanding the difficulty of training deep feedforward neural networks", Eq. 16).
    /// </summary>
    public static Tensor XavierUniform(Tensor tensor, Generator generator, double gain = 1.0)
    {
        var (fanIn, fanOut) = Fans.Of(tensor);
        return Uniform(tensor, generator, gain * Math.Sqrt(6.0 / (fanIn + fanOut)));
    }

    /// <summary>
    /// Xavier/Glorot normal: W ~ N(0, σ²), σ = gain·√(2 / (fan_in + fan_out)) (Glorot and Bengio 2010).
    /// </summary>
    public static Tensor XavierNormal(Tensor tensor, Generator generator, double gain = 1.0)
    {
        var (fanIn, fanOut) = Fans.Of(tensor);
        return Normal(tensor, generator, gain * Math.Sqrt(2.0 / (fanIn + fanOut)));
    }

    /// <summary>
    /// He/Kaiming normal: W ~ N(0, σ²), σ = gain/√fan, gain = √2 for ReLU (He et al. 2015, "Delving deep into
    /// rectifiers", Eq. 10: ½·n_l·Var(w) = 1).
    /// </summary>
    public static Tensor KaimingNormal(Tensor tensor, Generator generator, double gain = 1.4142135623730951, FanMode mode = FanMode.FanIn) =>
        Normal(tensor, generator, gain / Math.Sqrt(Fans.Of(tensor, mode)));

    /// <summary>
    /// He/Kaiming uniform: W ~ U(−a, a), a = gain·√(3/fan) (same variance as <see cref="KaimingNormal"/>; He et al. 2015).
    /// </summary>
    public static Tensor KaimingUniform(Tensor tensor, Generator generator, double gain = 1.4142135623730951, FanMode mode = FanMode.FanIn) =>
        Uniform(tensor, generator, gain * Math.Sqrt(3.0 / Fans.Of(tensor, mode)));

    /// <summary>W ~ N(0, std²) element-wise.</summary>
    public static Tensor Normal(Tensor tensor, Generator generator, double std)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        // Scalars held to the end: a temporary one (mul_(std)) is only an IntPtr during the native call, and the GC
        // may finalize it mid-call; per-layer initialisers run 10,000 times in a lesson.
        using var scale = std.ToScalar();
        tensor.copy_(randn(tensor.shape, dtype: ScalarType.Float64, generator: generator).mul_(scale));
        return tensor;
    }

    /// <summary>W ~ U(−limit, limit) element-wise.</summary>
    public static Tensor Uniform(Tensor tensor, Generator generator, double limit)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var width = (2 * limit).ToScalar();
        using var shift = limit.ToScalar();
        tensor.copy_(rand(tensor.shape, dtype: ScalarType.Float64, generator: generator).mul_(width).sub_(shift));
        return tensor;
    }

    /// <summary>Sets every entry to zero (e.g. biases, or a residual branch's last layer).</summary>
    public static Tensor Zeros(Tensor tensor)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        using var _ = no_grad();
        tensor.zero_();
        return tensor;
    }
}
