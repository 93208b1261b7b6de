namespace Depth;

/// <summary>
/// Mean-field quantities over a (σ_w², σ_b²) grid, as jagged arrays ready for a heatmap:
/// row i is BiasVariances[i], column j is WeightVariances[j] (z[i][j]).
/// </summary>
/// <param name="Nonlinearity">Name of φ.</param>
/// <param name="WeightVariances">σ_w² values (x axis).</param>
/// <param name="BiasVariances">σ_b² values (y axis).</param>
/// <param name="Chi1">χ₁[i][j].</param>
/// <param name="QStar">q*[i][j].</param>
/// <param name="DepthScaleC">ξ_c[i][j] (∞ exactly on the critical line).</param>
/// <param name="CriticalWeightVariances">For each σ_b² row, the σ_w² where χ₁ = 1 (NaN when not in the searched range).</param>
public sealed record PhaseDiagram(
    string Nonlinearity,
    double[] WeightVariances,
    double[] BiasVariances,
    double[][] Chi1,
    double[][] QStar,
    double[][] DepthScaleC,
    double[] CriticalWeightVariances)
{
    /// <summary>6 ξ_c per cell, the trainable-depth prediction.</summary>
    public double[][] TrainableDepth => DepthScaleC.Select(row => row.Select(x => 6 * x).ToArray()).ToArray();

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Nonlinearity} phase diagram: {WeightVariances.Length} σ_w² × {BiasVariances.Length} σ_b² cells, " +
        $"χ₁ in [{Chi1.SelectMany(r => r).Min():G4}, {Chi1.SelectMany(r => r).Max():G4}]";
}
