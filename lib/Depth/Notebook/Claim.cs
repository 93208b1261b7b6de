using System.Globalization;

namespace Depth;

/// <summary>A failed claim: the lesson's statement does not hold.</summary>
public sealed class ClaimFailedException(string statement, string? detail, string? id = null)
    : Exception((id is null ? "" : $"[{id}] ") + (detail is null ? statement : $"{statement} — {detail}"))
{
    /// <summary>The claim.</summary>
    public string Statement { get; } = statement;
    /// <summary>Why it failed (the measured values), if given.</summary>
    public string? Detail { get; } = detail;
    /// <summary>The claim's stable id, e.g. "04.relu-he", if it has one.</summary>
    public string? Id { get; } = id;
}

/// <summary>The outcome of a claim. Displays as <c>✓ [id] statement (detail) ⟨bounds⟩</c> /
/// <c>✗ [id] statement — detail ⟨bounds⟩</c> (text/plain) and <c>&lt;div class="claim pass|fail"&gt;</c> (text/html).
/// </summary>
/// <param name="Holds">Whether the claim holds.</param>
/// <param name="Statement">What the lesson claims.</param>
/// <param name="Detail">The measured values in words, if any.</param>
/// <param name="Id">A stable short id, "&lt;lesson&gt;.&lt;name&gt;" (e.g. "04.relu-he"), if any.</param>
/// <param name="Bounds">The measured values and their thresholds, if the claim has any.</param>
[TypeFormatterSource(typeof(ClaimFormatterSource))]
public sealed record ClaimResult(bool Holds, string Statement, string? Detail,
    string? Id = null, IReadOnlyList<Bound>? Bounds = null)
{
    /// <summary>The plain line: "✓ [id] statement (detail) ⟨bounds⟩" or "✗ [id] statement — detail ⟨bounds⟩"; the id,
    /// the detail and the bounds appear only when given. Bounds read "name value &gt; threshold", joined by "; ".</summary>
    public override string ToString()
    {
        var head = (Holds ? "✓ " : "✗ ") + (Id is null ? "" : $"[{Id}] ") + Statement;
        var detail = Detail is null ? "" : Holds ? $" ({Detail})" : $" — {Detail}";
        var bounds = Bounds is { Count: > 0 } b ? $" ⟨{string.Join("; ", b)}⟩" : "";
        return head + detail + bounds;
    }

    /// <summary>The smallest relative margin over the bounds (see <see cref="Bound.Margin"/>), or null without bounds.
    /// </summary>
    public double? Margin => Bounds is { Count: > 0 } b ? b.Min(x => double.IsNaN(x.Margin) ? double.NegativeInfinity : x.Margin) : null;

    /// <summary>The HTML form (escaped).</summary>
    public string ToHtml() => $"<div class=\"claim {(Holds ? "pass" : "fail")}\">{Html.Escape(ToString())}</div>";
}

/// <summary>Claim checks for lessons. Each check prints its ✓/✗ line to the console (a <c>stream</c> output in a
/// notebook) and, in the kernel, displays it as data for the engine (<see cref="ClaimRecord"/>), returns a <see cref="ClaimResult"/>, and on failure throws
/// <see cref="ClaimFailedException"/> after printing — so a failed claim fails the run.</summary>
public static partial class Claim
{
    private static int passed, failed;

    /// <summary>Claims that held since the start (or <see cref="Reset"/>).</summary>
    public static int Passed => passed;

    /// <summary>Claims that failed since the start (or <see cref="Reset"/>).</summary>
    public static int Failed => failed;

    /// <summary>Where the ✓/✗ lines go (default: <see cref="Console.Out"/> at the time of the check).</summary>
    public static TextWriter? Output { get; set; }

    /// <summary>Resets the tally.</summary>
    public static void Reset()
    {
        passed = 0;
        failed = 0;
    }

    /// <summary>A summary line for a closing cell, e.g. "claims: 5 passed, 0 failed".</summary>
    public static string Summary => $"claims: {Passed} passed, {Failed} failed";

    private static ClaimResult Report(ClaimResult result)
    {
        if (result.Holds) Interlocked.Increment(ref passed); else Interlocked.Increment(ref failed);
        var w = Output ?? Console.Out;
        w.WriteLine(result.ToString());
        w.Flush();
        ClaimRecord.Show(result);
        if (!result.Holds) throw new ClaimFailedException(result.Statement, result.Detail, result.Id);
        return result;
    }

}

/// <summary>Formatters (.NET Interactive convention) for <see cref="ClaimResult"/>.</summary>
internal sealed class ClaimFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new ConventionFormatter(typeof(ClaimResult), "text/html", (o, w) => w.Write(((ClaimResult)o).ToHtml()));
        yield return new ConventionFormatter(typeof(ClaimResult), "text/plain", (o, w) => w.Write(o.ToString()));
    }
}
