using System.Text.RegularExpressions;

namespace Depth.Notebook;

/// <summary>Claims with a stable id and, where they have one, a measured value and threshold. The id names the claim
/// across runs ("04.relu-he": lesson number, dot, a short name); the bounds are printed in a parseable
/// <c>⟨name value &gt; threshold; …⟩</c> suffix so a robustness run can compute each claim's worst margin over CPU
/// paths, seeds and thread counts (bench/robustness).</summary>
public static partial class Claim
{
    private static readonly Regex IdPattern = new("^[0-9]{2}\\.[a-z0-9]+(-[a-z0-9]+)*$", RegexOptions.CultureInvariant);

    /// <summary>An exact claim (no threshold to measure a margin against): holds or not.</summary>
    public static ClaimResult That(string id, bool holds, string statement, string? detail = null)
        => Report(new ClaimResult(holds, statement, detail, CheckedId(id)));

    /// <summary>Holds when every bound holds; the claim's margin is the smallest of theirs.</summary>
    public static ClaimResult All(string id, string statement, string? detail, params Bound[] bounds)
    {
        if (bounds is null || bounds.Length == 0)
            throw new ArgumentException($"claim {id}: give at least one bound", nameof(bounds));
        return Report(new ClaimResult(bounds.All(b => b.Holds), statement, detail, CheckedId(id), bounds));
    }

    /// <summary>Checks value &gt; threshold.</summary>
    public static ClaimResult Greater(string id, double value, double threshold, string statement, string? detail = null)
        => All(id, statement, detail, Bound.Above("value", value, threshold));

    /// <summary>Checks value &lt; threshold.</summary>
    public static ClaimResult Less(string id, double value, double threshold, string statement, string? detail = null)
        => All(id, statement, detail, Bound.Below("value", value, threshold));

    /// <summary>Checks lo &lt; value &lt; hi.</summary>
    public static ClaimResult Between(string id, double value, double lo, double hi, string statement)
        => All(id, statement, null, Bound.Above("value", value, lo), Bound.Below("value", value, hi));

    /// <summary>Checks |actual − expected| &lt; tolerance.</summary>
    public static ClaimResult Close(string id, double actual, double expected, double tolerance, string statement)
        => All(id, statement, $"{Bound.F(actual)} vs {Bound.F(expected)}",
            Bound.Below("|difference|", Math.Abs(actual - expected), tolerance));

    private static string CheckedId(string id)
        => id is not null && IdPattern.IsMatch(id) ? id
            : throw new ArgumentException($"a claim id looks like '04.relu-he' (lesson, dot, lower-case words), got '{id}'",
                nameof(id));
}
