using System.Text.Json.Nodes;
using Depth.Notebooks.Formatting;

namespace Depth.Notebooks.Execution;

/// <summary>Counts claim results in outputs: <c>text/plain</c> lines starting with "✓ " (pass) or "✗ " (fail).</summary>
public static class Claims
{
    /// <summary>(passed, failed) over every output of every cell.</summary>
    public static (int Passed, int Failed) Count(Model.Notebook notebook)
    {
        int passed = 0, failed = 0;
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            foreach (var output in cell.Outputs.OfType<JsonObject>())
            {
                if (output["data"]?[MimeTypes.PlainText] is not { } plain) continue;
                var text = plain is JsonArray lines ? string.Concat(lines.Select(l => (string?)l)) : (string?)plain ?? "";
                foreach (var line in text.Split('\n'))
                {
                    if (line.StartsWith("✓ ", StringComparison.Ordinal)) passed++;
                    else if (line.StartsWith("✗ ", StringComparison.Ordinal)) failed++;
                }
            }
        return (passed, failed);
    }
}
