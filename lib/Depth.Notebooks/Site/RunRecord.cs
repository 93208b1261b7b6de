using System.Text.Json;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Site;

/// <summary>
/// <c>runs.json</c> in the site folder: the last run of every lesson built into it, so that running one lesson into an
/// existing site keeps the others on the index. Each lesson also keeps the elapsed time of its last
/// successful quick run and of its last successful full run, so the front page can show both,
/// measured, whichever ran last.
/// </summary>
internal static class RunRecord
{
    private const string FileName = "runs.json";
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true };

    /// <summary>The earlier runs (whose executed copies still exist) overlaid with <paramref name="runs"/>, in name
    /// order; writes the merged record. A new run's <see cref="NotebookRun.Quick"/> is read from
    /// its executed notebook when not given; its elapsed time becomes the lesson's last quick or
    /// last full time when it succeeded, and the other one is carried over from the
    /// record.</summary>
    public static IReadOnlyList<NotebookRun> Merge(string root, IReadOnlyList<NotebookRun> runs)
    {
        var earlier = Read(root).GroupBy(r => r.Name, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Last());
        var merged = new SortedDictionary<string, NotebookRun>(StringComparer.Ordinal);
        foreach (var old in earlier.Values.Where(r => File.Exists(r.ExecutedPath)))
            // A record written before times were kept gets them from its own run.
            merged[old.Name] = old.Quick is null ? WithTimes(old, null) : old;
        foreach (var run in runs)
            merged[run.Name] = WithTimes(run, earlier.GetValueOrDefault(run.Name));
        var list = merged.Values.ToList();
        AtomicFile.WriteAllText(Path.Combine(root, FileName), JsonSerializer.Serialize(list, Options));
        return list;
    }

    private static NotebookRun WithTimes(NotebookRun run, NotebookRun? old)
    {
        var quick = run.Quick ?? LessonFacts.Read(run.ExecutedPath).Quick;
        var lastQuick = run.LastQuick ?? old?.LastQuick;
        var lastFull = run.LastFull ?? old?.LastFull;
        if (run.Succeeded && quick) lastQuick = run.Elapsed;
        if (run.Succeeded && !quick) lastFull = run.Elapsed;
        return run with { Quick = quick, LastQuick = lastQuick, LastFull = lastFull };
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
