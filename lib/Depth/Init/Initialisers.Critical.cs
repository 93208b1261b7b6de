using static TorchSharp.torch;

namespace Depth;

public static partial class Initialisers
{
    /// <summary>
    /// Critical (edge-of-chaos) initialisation of one layer from mean-field theory (Poole et al. 2016;
    /// Schoenholz et al. 2017): weights with variance σ_w²/fan_in — Gaussian N(0, σ_w²/fan_in), or
    /// (<paramref name="orthogonal"/>) orthogonal with gain √σ_w² (delta-orthogonal for convolutions, Xiao et al. 2018;
    /// Pennington et al. 2017) — and biases N(0, σ_b²). Pick (σ_w², σ_b²) on the critical line, e.g.
    /// σ_w² = <c>MeanField.CriticalWeightVariance(Nonlinearity.Tanh, σ_b²)</c>.
    /// </summary>
    /// <param name="weight">[out, in] or [c_out, c_in, k…].</param>
    /// <param name="bias">[out] or null.</param>
    /// <param name="weightVariance">σ_w² &gt; 0.</param>
    /// <param name="biasVariance">σ_b² ≥ 0.</param>
    /// <param name="generator">Random source.</param>
    /// <param name="orthogonal">Orthogonal instead of Gaussian weights.</param>
    public static void Critical(Tensor weight, Tensor? bias, double weightVariance, double biasVariance, Generator generator, bool orthogonal = false)
    {
        if (!(weightVariance > 0)) throw new ArgumentOutOfRangeException(nameof(weightVariance), weightVariance, "σ_w² must be positive.");
        if (!(biasVariance >= 0)) throw new ArgumentOutOfRangeException(nameof(biasVariance), biasVariance, "σ_b² must be non-negative.");
        double gain = Math.Sqrt(weightVariance);
        if (!orthogonal) Normal(weight, generator, gain / Math.Sqrt(Fans.Of(weight).FanIn));
        else if (weight.dim() > 2) DeltaOrthogonal(weight, generator, gain);
        else Orthogonal(weight, generator, gain);
        if (bias is not null) Normal(bias, generator, Math.Sqrt(biasVariance));
    }
}
