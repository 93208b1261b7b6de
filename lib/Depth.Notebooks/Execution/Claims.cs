using System.Text.Json.Nodes;

namespace Depth.Notebooks.Execution;

/// <summary>
/// Counts claim results. The course library's claim checks print one line to the console — "✓ statement" or
/// "✗ statement — detail" — so claims are counted in <c>stream</c> outputs only; a <c>ClaimResult</c> that is also
/// displayed (a claim written as a cell's trailing expression) is therefore not counted twice.
/// </summary>
public static class Claims
{
    /// <summary>(passed, failed) over every output of every cell.</summary>
    public static (int Passed, int Failed) Count(Model.Notebook notebook)
    {
        var lines = Lines(notebook);
        var passed = lines.Count(l => l.StartsWith("✓ ", StringComparison.Ordinal));
        return (passed, lines.Count - passed);
    }

    /// <summary>Every claim line (✓ or ✗, with its detail and bounds) printed by the notebook's cells, in order: what
    /// two runs of the same lesson compare.</summary>
    public static IReadOnlyList<string> Lines(Model.Notebook notebook)
    {
        var claims = new List<string>();
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            foreach (var output in cell.Outputs.OfType<JsonObject>())
            {
                if ((string?)output["output_type"] != "stream" || output["text"] is not { } node) continue;
                var text = node is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)node ?? "";
                claims.AddRange(text.Split('\n').Where(l => l.StartsWith("✓ ", StringComparison.Ordinal) || l.StartsWith("✗ ", StringComparison.Ordinal)));
            }
        return claims;
    }
}
