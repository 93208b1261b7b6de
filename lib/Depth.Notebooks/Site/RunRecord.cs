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
    /// order; writes the merged record. A run's <see cref="NotebookRun.Quick"/> is read from its
    /// executed notebook when not given.</summary>
    public static IReadOnlyList<NotebookRun> Merge(string root, IReadOnlyList<NotebookRun> runs)
    {
        var earlier = Read(root).GroupBy(r => r.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last());
        var merged = new SortedDictionary<string, NotebookRun>(StringComparer.Ordinal);
        foreach (var old in earlier.Values.Where(r => File.Exists(r.ExecutedPath)))
            merged[old.Name] = WithMode(old);
        foreach (var run in runs)
            merged[run.Name] = WithMode(run);
        var list = merged.Values.ToList();
        AtomicFile.WriteAllText(Path.Combine(root, FileName), JsonSerializer.Serialize(list, Options));
        return list;
    }

    private static NotebookRun WithMode(NotebookRun run) =>
        run.Quick is null ? run with { Quick = LessonFacts.Read(run.ExecutedPath).Quick } : run;

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
