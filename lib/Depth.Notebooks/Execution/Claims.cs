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
        int passed = 0, failed = 0;
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            foreach (var output in cell.Outputs.OfType<JsonObject>())
            {
                if ((string?)output["output_type"] != "stream" || output["text"] is not { } node) continue;
                var text = node is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)node ?? "";
                foreach (var line in text.Split('\n'))
                {
                    if (line.StartsWith("✓ ", StringComparison.Ordinal)) passed++;
                    else if (line.StartsWith("✗ ", StringComparison.Ordinal)) failed++;
                }
            }
        return (passed, failed);
    }
}
