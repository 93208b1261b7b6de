using System.Globalization;

namespace Depth;

/// <summary>Which side of its threshold a measured value must lie on.</summary>
public enum BoundKind
{
    /// <summary>value &gt; threshold.</summary>
    Above,
    /// <summary>value &lt; threshold.</summary>
    Below,
}

/// <summary>
/// One measured quantity of a claim and the threshold it must clear, e.g. "ReLU·He test accuracy 0.54 &gt; 0.35".
/// Printed as <c>name value &gt; threshold</c> inside the claim's <c>⟨…⟩</c> suffix, so a robustness run can
/// compute the margin of every claim on every CPU path, seed and thread count.
/// </summary>
/// <param name="Name">What was measured (no ';', '⟨' or '⟩').</param>
/// <param name="Value">The measured value.</param>
/// <param name="Kind">Above: the claim needs value &gt; threshold; Below: value &lt; threshold.</param>
/// <param name="Threshold">The threshold.</param>
public sealed record Bound(string Name, double Value, BoundKind Kind, double Threshold)
{
    /// <summary>value &gt; threshold.</summary>
    public static Bound Above(string name, double value, double threshold)
        => new(Checked(name), value, BoundKind.Above, threshold);

    /// <summary>value &lt; threshold.</summary>
    public static Bound Below(string name, double value, double threshold)
        => new(Checked(name), value, BoundKind.Below, threshold);

    /// <summary>|value − expected| &lt; tolerance, printed as "|name − expected| difference &lt;
    /// tolerance".</summary>
    public static Bound Near(string name, double value, double expected, double tolerance)
        => Below($"|{Checked(name)} − {F(expected)}|", Math.Abs(value - expected), tolerance);

    /// <summary>Whether the value lies strictly on the required side (NaN never does).</summary>
    public bool Holds => Kind == BoundKind.Above ? Value > Threshold : Value < Threshold;

    /// <summary>
    /// Relative margin: (value − threshold) / |threshold| for Above, (threshold − value) / |threshold| for Below
    /// (the plain difference when the threshold is 0). Positive when the bound holds; 0.1 means 10 % of the
    /// threshold to spare. NaN when the value is NaN.
    /// </summary>
    public double Margin
    {
        get
        {
            double d = Kind == BoundKind.Above ? Value - Threshold : Threshold - Value;
            return Threshold == 0 ? d : d / Math.Abs(Threshold);
        }
    }

    /// <summary>"name value &gt; threshold", numbers in invariant culture, 6 significant digits.</summary>
    public override string ToString()
        => $"{Name} {F(Value)} {(Kind == BoundKind.Above ? ">" : "<")} {F(Threshold)}";

    internal static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    private static string Checked(string name)
    {
        if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny([';', '⟨', '⟩', '\n']) >= 0)
            throw new ArgumentException($"a bound name must be non-empty without ';', '⟨', '⟩' or newlines: '{name}'",
                nameof(name));
        return name.Trim();
    }
}
