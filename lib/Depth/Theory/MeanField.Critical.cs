namespace Depth;

public sealed partial class MeanField
{
    /// <summary>
    /// The critical line: for a given σ_b², the σ_w² with χ₁(σ_w², q*(σ_w², σ_b²)) = 1, found by bisection on
    /// σ_w² ∈ [lower, upper] (each step solves the inner fixed point q*) (Schoenholz et al. 2017, Fig. 1).
    /// For tanh: σ_b² = 0.05 → σ_w² = 1.760955; for ReLU: σ_b² = 0 → σ_w² = 2 (He et al. 2015).
    /// </summary>
    /// <exception cref="ArgumentException">χ₁ − 1 has the same sign at both ends of the range.</exception>
    public double CriticalWeightVariance(double biasVariance, double lower = 0.01, double upper = 100)
    {
        double F(double sw2) => Chi1(LengthFixedPoint(sw2, biasVariance), sw2) - 1;
        double flo = F(lower), fhi = F(upper);
        if (flo == 0) return lower;
        if (fhi == 0) return upper;
        if (Math.Sign(flo) == Math.Sign(fhi))
            throw new ArgumentException(
                $"No critical σ_w² for {Nonlinearity} at σ_b²={biasVariance} in [{lower}, {upper}]: χ₁ − 1 is {flo:G4} and {fhi:G4} at the ends.");
        for (int i = 0; i < 200 && upper - lower > 1e-13 * upper; i++)
        {
            double mid = 0.5 * (lower + upper), fm = F(mid);
            if (fm == 0) return mid;
            if (Math.Sign(fm) == Math.Sign(flo)) { lower = mid; flo = fm; } else upper = mid;
        }
        return 0.5 * (lower + upper);
    }

    /// <summary>The critical point for σ_b²: σ_w² with χ₁ = 1 and the q* there.</summary>
    public CriticalPoint CriticalPoint(double biasVariance)
    {
        double sw2 = CriticalWeightVariance(biasVariance);
        return new CriticalPoint(sw2, biasVariance, LengthFixedPoint(sw2, biasVariance));
    }

    /// <summary>The critical line sampled at the given σ_b² values (e.g. for a line over the phase diagram).</summary>
    public CriticalPoint[] CriticalLine(IEnumerable<double> biasVariances) =>
        biasVariances.Select(CriticalPoint).ToArray();

    /// <summary>
    /// Shortcut: σ_w² on the critical line of activation φ at σ_b², with a 120-node rule,
    /// e.g. <c>MeanField.CriticalWeightVariance(Nonlinearity.Tanh, 0.05)</c> ≈ 1.760955.
    /// </summary>
    public static double CriticalWeightVariance(Nonlinearity activation, double biasVariance) =>
        new MeanField(activation).CriticalWeightVariance(biasVariance);

    /// <summary>
    /// χ₁, q* and ξ_c over a grid of (σ_w², σ_b²), plus the critical σ_w² of each σ_b² row
    /// (Poole et al. 2016, Fig. 2; Schoenholz et al. 2017, Fig. 1). Rows are σ_b², columns σ_w².
    /// Runs the rows in parallel. Use a smaller rule (e.g. <c>new MeanField(φ, 40)</c>) for big grids:
    /// ξ_c in the chaotic phase needs the two-dimensional integral (n² points) inside a bisection.
    /// </summary>
    public PhaseDiagram PhaseDiagram(double[] weightVariances, double[] biasVariances)
    {
        ArgumentNullException.ThrowIfNull(weightVariances);
        ArgumentNullException.ThrowIfNull(biasVariances);
        int rows = biasVariances.Length, cols = weightVariances.Length;
        var chi = new double[rows][];
        var qs = new double[rows][];
        var xi = new double[rows][];
        var critical = new double[rows];
        Parallel.For(0, rows, i =>
        {
            chi[i] = new double[cols]; qs[i] = new double[cols]; xi[i] = new double[cols];
            for (int j = 0; j < cols; j++)
            {
                var p = Analyse(weightVariances[j], biasVariances[i]);
                chi[i][j] = p.Chi1; qs[i][j] = p.QStar; xi[i][j] = p.DepthScaleC;
            }
            try { critical[i] = CriticalWeightVariance(biasVariances[i], weightVariances.Min(), weightVariances.Max()); }
            catch (ArgumentException) { critical[i] = double.NaN; }
        });
        return new PhaseDiagram(Nonlinearity.Name, weightVariances, biasVariances, chi, qs, xi, critical);
    }
}
