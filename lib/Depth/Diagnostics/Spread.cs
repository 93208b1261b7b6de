namespace Depth;

/// <summary>How far apart a set of positive per-layer numbers is (gradient norms, singular values):
/// the summary behind every "the right initialisation keeps them flat" claim.</summary>
public static class Spread
{
    /// <summary>Largest over smallest, max v / min v (1 = perfectly flat).</summary>
    /// <exception cref="ArgumentException">No values.</exception>
    public static double Ratio(IReadOnlyList<double> values)
    {
        Check(values);
        return values.Max() / values.Min();
    }

    /// <summary>Orders of magnitude between the largest and the smallest, log₁₀(max v / min v)
    /// (0 = flat, 1.5 = a factor of about 30).</summary>
    public static double Orders(IReadOnlyList<double> values) => Math.Log10(Ratio(values));

    /// <summary>Standard deviation of log₁₀ v over the values (population), with v floored at
    /// <paramref name="floor"/> so that exact zeros count as very small rather than −∞. This is the
    /// width of a singular-value spectrum on a log axis: 0 for an isometry (Pennington, Schoenholz
    /// &amp; Ganguli 2017, "Resurrecting the sigmoid in deep learning through dynamical isometry",
    /// arXiv:1711.04735).</summary>
    public static double LogStd(IReadOnlyList<double> values, double floor = 1e-30)
    {
        Check(values);
        var logs = values.Select(v => Math.Log10(Math.Max(v, floor))).ToArray();
        double mean = logs.Average();
        return Math.Sqrt(logs.Select(v => (v - mean) * (v - mean)).Average());
    }

    static void Check(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
            throw new ArgumentException("Spread needs at least one value.", nameof(values));
    }
}
