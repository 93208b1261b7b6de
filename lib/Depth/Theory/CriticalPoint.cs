namespace Depth;

/// <summary>A point on the critical line χ₁(σ_w², σ_b²) = 1, with the length fixed point q* there.</summary>
/// <param name="WeightVariance">σ_w² on the critical line.</param>
/// <param name="BiasVariance">The given σ_b².</param>
/// <param name="QStar">q*(σ_w², σ_b²).</param>
public sealed record CriticalPoint(double WeightVariance, double BiasVariance, double QStar)
{
    /// <inheritdoc/>
    public override string ToString() => $"critical: σ_w²={WeightVariance:F6}, σ_b²={BiasVariance:G6}, q*={QStar:G6}";
}
