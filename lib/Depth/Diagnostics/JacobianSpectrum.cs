using static TorchSharp.torch;

namespace Depth;

/// <summary>The singular values of the input–output Jacobian J = D_L W_L ⋯ D_1 W_1 of a freshly
/// initialised deep network (D_l = diag φ'(h^l)): the spectrum that decides dynamical isometry
/// (Saxe et al. 2014; Pennington, Schoenholz &amp; Ganguli 2017, arXiv:1711.04735).</summary>
public static class JacobianSpectrum
{
    /// <summary><paramref name="depth"/> square layers of <paramref name="width"/> units with
    /// critical initialisation (σ_w², σ_b², Gaussian or orthogonal; <see
    /// cref="InitScheme.Critical(double, double, bool)"/>, seeded with <paramref name="seed"/>), evaluated at one input x
    /// ~ N(0, q) (seed + 100), q typically q*. Returns the singular values of J, descending:
    /// [width].</summary>
    public static double[] AtInit(TensorActivation activation, double weightVariance,
        double biasVariance, double q, bool orthogonal, int width, int depth, long seed)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        var layers = Enumerable.Range(0, depth).Select(_ => nn.Linear(width, width)).ToList();
        try
        {
            var scheme = InitScheme.Critical(weightVariance, biasVariance, orthogonal);
            InitScheme.Apply(layers, scheme, seed);
            using var g = Initialisers.Seeded(seed + 100);
            using var scope = NewDisposeScope();
            var x = randn(new long[] { width }, generator: g) * Math.Sqrt(q);
            return Jacobian.ProductSingularValues(layers, activation, x);
        }
        finally
        {
            foreach (var l in layers) l.Dispose();
        }
    }
}
