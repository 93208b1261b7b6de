
namespace Depth;

/// <summary>
/// How two inputs' correlation travels through a deep critical network: the mean-field prediction
/// next to sampled networks (Poole et al. 2016; Schoenholz et al. 2017, "Deep Information
/// Propagation", arXiv:1611.01232). Both start from pre-activations of length q⁰ = q* and
/// correlation c⁰ at a point of the critical line; the theory iterates cˡ⁺¹ = q₁₂(cˡ, q*)/q* (<see
/// cref="MeanField.Propagate"/>), the networks draw a fresh random layer each step
/// (<c>SignalPropagation.Sample</c>), and their correlations are averaged over several networks (one
/// finite-width network is a noisy draw around the mean-field curve).
/// </summary>
/// <param name="Point">The critical point (σ_w², σ_b², q*).</param>
/// <param name="Layers">The layers recorded: 0, k, 2k, … and the last (about 100 of them).</param>
/// <param name="Theory">Mean-field correlation cˡ at each recorded layer.</param>
/// <param name="Sampled">Mean correlation of the sampled networks at each recorded layer.</param>
public sealed record CorrelationThroughDepth(CriticalPoint Point, int[] Layers, double[] Theory,
    double[] Sampled)
{
    /// <summary>The recorded layers as chart x values.</summary>
    public IReadOnlyList<double> X => Layers.Select(l => (double)l).ToArray();

    /// <summary>This study as one case of <c>Charts.TheoryVsMeasured</c>, named <paramref
    /// name="name"/>.</summary>
    public (string Name, IReadOnlyList<double> X, IReadOnlyList<double> Theory,
        IReadOnlyList<double> Measured)
        Series(string name) => (name, X, Theory, Sampled);

    /// <summary>Largest |sampled − theory| over the recorded layers.</summary>
    public double MaxGap => Theory.Zip(Sampled, (t, s) => Math.Abs(s - t)).Max();

    /// <summary>The theory's correlation after the last layer.</summary>
    public double FinalTheory => Theory[^1];

    /// <summary>
    /// Runs the comparison: <paramref name="depth"/> layers of width <paramref name="width"/>,
    /// <paramref name="networks"/> sampled networks (seeds seed, seed + 10, seed + 20, …) of
    /// <paramref name="pairs"/> input pairs each, measured at every (depth/100)-th layer and the
    /// last.
    /// </summary>
    /// <param name="theory">Mean field of the network's nonlinearity.</param>
    /// <param name="activation">The same nonlinearity as a tensor function, for the sampled
    /// networks.</param>
    /// <param name="point">Where on the critical line (from <see
    /// cref="MeanField.CriticalPoint"/>).</param>
    /// <param name="width">Width N of the sampled networks.</param>
    /// <param name="depth">Number of layers L.</param>
    /// <param name="startCorrelation">c⁰, in (−1, 1).</param>
    /// <param name="networks">How many sampled networks to average.</param>
    /// <param name="pairs">Input pairs per network.</param>
    /// <param name="seed">Seed of the first network.</param>
    /// <param name="orthogonal">σ_w·Haar-orthogonal layers (default) instead of Gaussian
    /// ones.</param>
    /// <exception cref="ArgumentOutOfRangeException">depth or networks is below 1.</exception>
    public static CorrelationThroughDepth Run(MeanField theory, TensorActivation activation,
        CriticalPoint point, int width, int depth, double startCorrelation, int networks, int pairs,
        long seed, bool orthogonal = true)
    {
        ArgumentNullException.ThrowIfNull(theory);
        ArgumentNullException.ThrowIfNull(point);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(networks, 1);
        var (sw2, sb2, q) = (point.WeightVariance, point.BiasVariance, point.QStar);
        var theoryC = theory.Propagate(q, startCorrelation, sw2, sb2, depth).C;     // [depth + 1]
        int every = Math.Max(1, depth / 100);
        var nets = SignalPropagation.Sample(activation, width, depth, sw2, sb2, q, startCorrelation,
            pairs, Enumerable.Range(0, networks).Select(k => seed + 10 * k).ToArray(), orthogonal,
            recordEvery: every);
        var layers = Enumerable.Range(0, depth + 1).Where(l => l % every == 0 || l == depth)
            .ToArray();
        return new CorrelationThroughDepth(point, layers,
            layers.Select(l => theoryC[l]).ToArray(),
            layers.Select(l => nets.Average(n => n.C[l])).ToArray());
    }
}
