using System.Text.Json.Nodes;

namespace Depth.Notebooks.Model;

/// <summary>What committed notebooks must (not) carry: no outputs, no execution counts, no run timing, and the
/// course's kernelspec.</summary>
public static class NotebookHygiene
{
    /// <summary>The Jupyter kernelspec name <c>./course build</c> registers; the Polyglot extension handles notebooks
    /// whose kernelspec name starts with <c>.net-</c>, and rewrites it to <c>.net-csharp</c> when it runs a cell.</summary>
    public const string KernelspecName = ".net-depth-csharp";

    /// <summary>The kernelspec's display name, as in the registered <c>kernel.json</c>.</summary>
    public const string KernelspecDisplayName = ".NET (C#) – deep-course";

    /// <summary>Removes outputs, execution counts and <c>metadata.execution</c> from every code cell, and any cell the
    /// engine injected (tagged <c>injected-parameters</c>), e.g. from an executed copy saved over a source; names the
    /// course's kernelspec again where a front end rewrote it.</summary>
    public static void Strip(Notebook notebook)
    {
        notebook.Metadata["kernelspec"] = new JsonObject
        {
            ["display_name"] = KernelspecDisplayName, ["language"] = "C#", ["name"] = KernelspecName,
        };
        notebook.RemoveCells(c => c.Tags.Contains(Execution.Parameters.InjectedTag));
        (notebook.Metadata["course"] as JsonObject)?.Remove(Execution.Parameters.MetadataName);
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
        if ((string?)notebook.Metadata["kernelspec"]?["name"] != KernelspecName)
            problems.Add($"its kernelspec is not {KernelspecName} (./course clean restores it)");
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
