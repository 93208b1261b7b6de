using System.Text.Json;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Site;

/// <summary>
/// <c>runs.json</c> in the site folder: the last run of every lesson built into it, so that running one lesson into an
/// existing site keeps the others on the index.
/// </summary>
internal static class RunRecord
{
    private const string FileName = "runs.json";
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The earlier runs (whose executed copies still exist) overlaid with <paramref name="runs"/>, in name
    /// order; writes the merged record.</summary>
    public static IReadOnlyList<NotebookRun> Merge(string root, IReadOnlyList<NotebookRun> runs)
    {
        var merged = new SortedDictionary<string, NotebookRun>(StringComparer.Ordinal);
        foreach (var old in Read(root).Where(r => File.Exists(r.ExecutedPath))) merged[old.Name] = old;
        foreach (var run in runs) merged[run.Name] = run;
        var list = merged.Values.ToList();
        AtomicFile.WriteAllText(Path.Combine(root, FileName), JsonSerializer.Serialize(list, Options));
        return list;
    }

    private static IReadOnlyList<NotebookRun> Read(string root)
    {
        var path = Path.Combine(root, FileName);
        if (!File.Exists(path)) return [];
        try
        {
            return JsonSerializer.Deserialize<List<NotebookRun>>(File.ReadAllText(path)) ?? [];
        }
        catch (JsonException)
        {
            return [];   // a damaged record only loses the other lessons' rows; this run's lessons are still listed
        }
    }
}
