
namespace Depth;

/// <summary>Mean-field theory against sampled finite networks for one σ_w²: the predicted length qˡ
/// and correlation cˡ of two inputs (<see cref="MeanField.Propagate"/>; Poole et al. 2016,
/// arXiv:1606.05340; Schoenholz et al. 2017, arXiv:1611.01232) next to their average over several
/// random networks (<c>SignalPropagation.Sample</c>, a fresh layer per step, the theory's
/// setting).</summary>
/// <param name="WeightVariance">σ_w².</param>
/// <param name="Theory">The prediction, layers 0..L.</param>
/// <param name="MeasuredQ">Measured qˡ, mean over the networks: [L+1].</param>
/// <param name="MeasuredC">Measured cˡ, mean over the networks: [L+1].</param>
public sealed record PropagationComparison(double WeightVariance, SignalTrajectory Theory,
                                           double[] MeasuredQ, double[] MeasuredC)
{
    /// <summary>Runs the theory and <paramref name="networks"/> sampled networks (network k seeded
    /// 1000·seed + 10·k) from inputs of length <paramref name="q0"/> and correlation <paramref
    /// name="c0"/>.</summary>
    public static PropagationComparison Run(MeanField theory, TensorActivation activation,
        double weightVariance, double biasVariance, int width, int depth, int networks, long seed,
        double q0, double c0, int pairs)
    {
        ArgumentNullException.ThrowIfNull(theory);
        ArgumentOutOfRangeException.ThrowIfLessThan(networks, 1);
        var predicted = theory.Propagate(q0, c0, weightVariance, biasVariance, depth);
        var runs = SignalPropagation.Sample(activation, width, depth, weightVariance, biasVariance,
            q0: q0, c0: c0, pairs: pairs,
            Enumerable.Range(0, networks).Select(k => 1000 * seed + 10 * k).ToArray());
        var c = predicted.Layers.Select(l => runs.Average(r => r.C[l])).ToArray();
        var q = predicted.Layers.Select(l => runs.Average(r => r.Q[l])).ToArray();
        return new PropagationComparison(weightVariance, predicted, q, c);
    }

    /// <summary>Largest |c_measured − c_theory| over the layers.</summary>
    public double WorstCorrelationError => Theory.C.Zip(MeasuredC, (a, b) => Math.Abs(a - b)).Max();

    /// <summary>Largest |q_measured − q_theory| / q_theory over the layers.</summary>
    public double WorstLengthError => Theory.Q.Zip(MeasuredQ, (a, b) => Math.Abs(a - b) / a).Max();

    /// <summary>The correlation case for <see cref="Charts.TheoryVsMeasured"/>.</summary>
    public (string Name, IReadOnlyList<double> X, IReadOnlyList<double> Theory,
        IReadOnlyList<double> Measured) CorrelationCase =>
        ($"σ_w² = {WeightVariance:G4}", Theory.Layers.Select(l => (double)l).ToArray(), Theory.C,
            MeasuredC);

    /// <inheritdoc/>
    public override string ToString() =>
        $"σ_w² = {WeightVariance:G4}: "
        + $"largest |c_measured − c_theory| = {WorstCorrelationError:F3}, "
        + $"largest relative q error = {WorstLengthError:P1}";
}
