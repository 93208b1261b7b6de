using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

public static partial class Initialisers
{
    /// <summary>
    /// A Haar-distributed matrix with orthonormal columns, shape [rows, cols], rows ≥ cols (float64):
    /// QR of a Gaussian matrix A = QR, then Q ← Q·diag(sign(diag R)) so the distribution is uniform
    /// (Mezzadri 2007, "How to generate random matrices from the classical compact groups", §5).
    /// </summary>
    public static Tensor HaarColumns(long rows, long cols, Generator generator)
    {
        if (rows < cols) throw new ArgumentException($"HaarColumns needs rows ≥ cols; got [{rows}, {cols}].");
        return Haar(randn([rows, cols], dtype: ScalarType.Float64, generator: generator));
    }

    // Q·diag(sign(diag R)) of A = QR, for A [rows, cols] or a batch [k, rows, cols] (QR runs per matrix).
    internal static Tensor Haar(Tensor a)
    {
        var (q, r) = linalg.qr(a);                    // q [.., rows, cols], r [.., cols, cols]
        var d = r.diagonal(0, -2, -1).sign();
        using var zero = 0.0.ToScalar();              // held to the end (a temporary Scalar can be finalized mid-call)
        d = where(d.eq(zero), ones_like(d), d);       // sign(0) := 1 (a measure-zero event)
        return q.mul(d.unsqueeze(-2));
    }

    /// <summary>
    /// Orthogonal initialisation (Saxe et al. 2014, "Exact solutions to the nonlinear dynamics of learning in deep
    /// linear neural networks"): the weight, flattened to [out, in·∏k], becomes gain·Q with Q Haar-orthogonal —
    /// orthonormal columns (WᵀW = gain²·I) when out ≥ in, orthonormal rows (WWᵀ = gain²·I) otherwise.
    /// Signs fixed by diag(R) (Mezzadri 2007). Same convention as torch.nn.init.orthogonal_.
    /// </summary>
    public static Tensor Orthogonal(Tensor tensor, Generator generator, double gain = 1.0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() < 2) throw new ArgumentException($"Orthogonal init needs at least 2 dimensions; got shape [{string.Join(", ", tensor.shape)}].", nameof(tensor));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long rows = tensor.shape[0], cols = tensor.numel() / rows;
        var q = rows >= cols ? HaarColumns(rows, cols, generator) : HaarColumns(cols, rows, generator).t();
        using var scale = gain.ToScalar();
        tensor.copy_(q.mul(scale).reshape(tensor.shape));
        return tensor;
    }

    /// <summary>
    /// Delta-orthogonal initialisation for convolutions (Xiao et al. 2018, "Dynamical Isometry and a Mean Field
    /// Theory of CNNs", Algorithm 2): for a weight [c_out, c_in, k₁, k₂, …],
    /// W[:, :, k₁/2, k₂/2, …] = gain·Q[:, :c_in] with Q Haar-orthogonal (c_out × c_out), every other tap zero.
    /// The convolution then acts as an orthogonal 1×1 map at every pixel, so ‖conv(x)‖ = gain·‖x‖
    /// (with "same" padding). Requires c_in ≤ c_out.
    /// </summary>
    /// <exception cref="ArgumentException">c_in &gt; c_out (the centre tap cannot have orthonormal columns), or not a convolution weight.</exception>
    public static Tensor DeltaOrthogonal(Tensor tensor, Generator generator, double gain = 1.0)
    {
        ArgumentNullException.ThrowIfNull(tensor);
        if (tensor.dim() < 3)
            throw new ArgumentException($"Delta-orthogonal init needs a convolution weight [c_out, c_in, k…]; got shape [{string.Join(", ", tensor.shape)}].", nameof(tensor));
        long cOut = tensor.shape[0], cIn = tensor.shape[1];
        if (cIn > cOut)
            throw new ArgumentException(
                $"Delta-orthogonal init needs in-channels ≤ out-channels; got c_in = {cIn} > c_out = {cOut} (weight [{string.Join(", ", tensor.shape)}]). " +
                "Use Orthogonal, or widen the layer.", nameof(tensor));
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        using var scale = gain.ToScalar();
        var q = HaarColumns(cOut, cIn, generator).mul(scale);   // [c_out, c_in]
        tensor.zero_();
        var index = new TensorIndex[tensor.dim()];
        index[0] = TensorIndex.Colon;
        index[1] = TensorIndex.Colon;
        for (int d = 2; d < tensor.dim(); d++) index[d] = TensorIndex.Single(tensor.shape[d] / 2);
        tensor[index] = q.to(tensor.dtype);
        return tensor;
    }
}
