using System.Text.RegularExpressions;

namespace Depth;

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

    /// <summary>A measured claim: holds when every bound holds (<see cref="Bound.Above"/>, <see
    /// cref="Bound.Below"/>, <see cref="Bound.Near"/>); its margin is the smallest of theirs.</summary>
    public static ClaimResult All(string id, string statement, string? detail, params Bound[] bounds)
    {
        if (bounds is null || bounds.Length == 0)
            throw new ArgumentException($"claim {id}: give at least one bound", nameof(bounds));
        return Report(new ClaimResult(bounds.All(b => b.Holds), statement, detail, CheckedId(id), bounds));
    }

    private static string CheckedId(string id)
        => id is not null && IdPattern.IsMatch(id) ? id
            : throw new ArgumentException($"a claim id looks like '04.relu-he' (lesson, dot, lower-case words), got '{id}'",
                nameof(id));
}
