namespace Depth;

/// <summary>
/// Length qˡ and correlation cˡ of two signals, layer by layer; index 0 is the starting point.
/// Produced by the theory (<see cref="MeanField.Propagate"/>) and by measurement
/// (Depth.SignalPropagation), so the two can be drawn on one chart.
/// </summary>
/// <param name="Q">qˡ = ‖hˡ‖²/N, the mean squared pre-activation, for l = 0..L.</param>
/// <param name="C">cˡ = ⟨h₁ˡ, h₂ˡ⟩ / (‖h₁ˡ‖ ‖h₂ˡ‖), the correlation of the two signals, for l = 0..L.</param>
public sealed record SignalTrajectory(double[] Q, double[] C)
{
    /// <summary>Number of layers L (arrays hold L + 1 entries).</summary>
    public int Depth => Q.Length - 1;

    /// <summary>Layer indices 0..L, for a chart's x axis.</summary>
    public int[] Layers => Enumerable.Range(0, Q.Length).ToArray();

    /// <inheritdoc/>
    public override string ToString() =>
        Depth < 0 ? "empty trajectory" :
        $"{Depth} layers: q {Q[0]:G4} → {Q[^1]:G4}, c {C[0]:G4} → {C[^1]:G4}";
}
