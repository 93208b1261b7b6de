namespace Depth;

/// <summary>Which side of the order-to-chaos transition a (σ_w², σ_b²) point lies on.</summary>
public enum Phase
{
    /// <summary>χ₁ &lt; 1: nearby inputs converge (c* = 1), gradients vanish.</summary>
    Ordered,
    /// <summary>χ₁ = 1 (within the tolerance used): the edge of chaos, ξ_c = ∞.</summary>
    Critical,
    /// <summary>χ₁ &gt; 1: nearby inputs decorrelate (c* &lt; 1), gradients explode.</summary>
    Chaotic,
}

/// <summary>
/// Everything the mean-field theory says about one (σ_w², σ_b²) point
/// (Poole et al. 2016; Schoenholz et al. 2017, "Deep Information Propagation", ICLR).
/// </summary>
/// <param name="WeightVariance">σ_w² (weights ~ N(0, σ_w²/N)).</param>
/// <param name="BiasVariance">σ_b² (biases ~ N(0, σ_b²)).</param>
/// <param name="QStar">Fixed point q* of the length map (+∞ when the length diverges).</param>
/// <param name="CStar">Stable fixed point c* of the correlation map (1 in the ordered phase).</param>
/// <param name="Chi1">χ₁ = σ_w² E[φ'(√q* z)²], the slope of the correlation map at c = 1.</param>
/// <param name="ChiC">χ_c = σ_w² E[φ'(u₁)φ'(u₂)] at c*, the slope of the correlation map at its stable fixed point.</param>
/// <param name="LengthSlope">dq'/dq at q* = χ₁ + σ_w² E[φ''(√q* z) φ(√q* z)].</param>
/// <param name="DepthScaleQ">ξ_q = −1/ln(dq'/dq at q*): layers over which lengths relax to q*.</param>
/// <param name="DepthScaleC">ξ_c = −1/ln χ_c: layers over which correlations relax to c* (∞ on the critical line).</param>
/// <param name="Phase">Ordered, critical or chaotic.</param>
public sealed record MeanFieldPoint(
    double WeightVariance,
    double BiasVariance,
    double QStar,
    double CStar,
    double Chi1,
    double ChiC,
    double LengthSlope,
    double DepthScaleQ,
    double DepthScaleC,
    Phase Phase)
{
    /// <summary>Trainable-depth prediction 6 ξ_c (Schoenholz et al. 2017, Fig. 5: networks train when L ≲ 6 ξ_c).</summary>
    public double TrainableDepth => 6 * DepthScaleC;

    /// <inheritdoc/>
    public override string ToString() =>
        $"σ_w²={WeightVariance:G7}, σ_b²={BiasVariance:G7}: q*={QStar:G7}, c*={CStar:G7}, χ₁={Chi1:G7}, " +
        $"ξ_q={DepthScaleQ:G5}, ξ_c={DepthScaleC:G5}, trainable depth≈{TrainableDepth:G5} ({Phase})";
}
