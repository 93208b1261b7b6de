using System.Text.Json.Nodes;

namespace Depth.Notebooks.Model;

/// <summary>What committed notebooks must (not) carry: no outputs, no execution counts, no run timing.</summary>
public static class NotebookHygiene
{
    /// <summary>Removes outputs, execution counts and <c>metadata.execution</c> from every code cell, and any cell the
    /// engine injected (tagged <c>injected-parameters</c>), e.g. from an executed copy saved over a source.</summary>
    public static void Strip(Notebook notebook)
    {
        notebook.RemoveCells(c => c.Tags.Contains(Execution.Parameters.InjectedTag));
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
        {
            cell.Json["outputs"] = new JsonArray();
            cell.Json["execution_count"] = null;
            cell.Metadata.Remove("execution");
        }
    }

    /// <summary>The problems that make a notebook unfit to commit (empty when clean).</summary>
    public static IReadOnlyList<string> Problems(Notebook notebook)
    {
        var problems = new List<string>();
        var cells = notebook.Cells;
        for (var i = 0; i < cells.Count; i++)
        {
            if (!cells[i].IsCode) continue;
            if (cells[i].Outputs.Count > 0) problems.Add($"cell {i + 1} has outputs");
            if (cells[i].ExecutionCount is not null) problems.Add($"cell {i + 1} has an execution count");
            if (cells[i].Metadata.ContainsKey("execution")) problems.Add($"cell {i + 1} has run timing metadata");
            if (cells[i].Tags.Contains(Execution.Parameters.InjectedTag)) problems.Add($"cell {i + 1} is an injected-parameters cell");
        }
        return problems;
    }
}
