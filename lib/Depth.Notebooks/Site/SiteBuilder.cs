using Depth.Notebooks.Model;
namespace Depth.Notebooks.Site;

/// <summary>
/// Builds the offline HTML site of the course: one book page per lesson and an index, like d2l.ai.
/// Pages use relative links only and local assets only, so the folder opens from <c>file://</c> without a network.
/// </summary>
public static class SiteBuilder
{
    /// <summary>
    /// Writes <c>outDir/index.html</c> (lessons, run times, claim results), <c>outDir/&lt;Name&gt;.html</c> per notebook,
    /// and <c>outDir/assets/</c> (plotly.js, KaTeX, highlight.js, CSS) — fully offline. Every file is written atomically
    /// (temporary file, then rename); the index is written last.
    /// </summary>
    /// <param name="runs">The lessons in reading order; each executed notebook must exist.</param>
    /// <param name="outDir">The site folder (created if missing).</param>
    /// <param name="times">Each lesson's quick and full time on the reference machine, for the
    /// index (<see cref="LessonTimes.Read"/>); none when null.</param>
    /// <exception cref="ArgumentException">A name is empty, not a plain file name, <c>index</c>, or repeated.</exception>
    /// <exception cref="FileNotFoundException">An executed notebook is missing.</exception>
    /// <exception cref="InvalidDataException">An executed notebook is not nbformat 4 JSON.</exception>
    /// <returns>The number of lessons on the index: <paramref name="runs"/> plus the lessons of earlier runs into the
    /// same folder (kept in <c>runs.json</c>) whose executed copies are still there, in name order.</returns>
    public static int Build(IReadOnlyList<NotebookRun> runs, string outDir, LessonTimes? times = null)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentException.ThrowIfNullOrWhiteSpace(outDir);
        Validate(runs);
        var root = Path.GetFullPath(outDir);
        Directory.CreateDirectory(root);
        runs = RunRecord.Merge(root, runs);
        SiteAssets.Write(root);

        var names = runs.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < runs.Count; i++)
        {
            var run = runs[i];
            var cells = ReadExecuted(run.ExecutedPath).Cells;
            var notebookHref = PageLayout.Href(Path.GetRelativePath(root, Path.GetFullPath(run.ExecutedPath)));
            var html = LessonPage.Render(run, cells, notebookHref,
                i > 0 ? runs[i - 1] : null, i + 1 < runs.Count ? runs[i + 1] : null, names);
            AtomicFile.WriteAllText(Path.Combine(root, run.Name + ".html"), html);
        }
        AtomicFile.WriteAllText(Path.Combine(root, "index.html"), IndexPage.Render(runs, times ?? LessonTimes.None));
        return runs.Count;
    }

    /// <summary>The executed notebook at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">It does not exist.</exception>
    /// <exception cref="InvalidDataException">It is not nbformat 4 JSON.</exception>
    internal static Notebook ReadExecuted(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Executed notebook '{path}' does not exist; the site needs it to build the lesson page.", path);
        try
        {
            var notebook = Notebook.Load(path);
            foreach (var cell in notebook.Cells) _ = (cell.CellType, cell.Source, cell.OutputViews.Select(o => o.OutputType).ToList());
            return notebook;
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"Executed notebook '{path}' is not an nbformat 4 notebook: {e.Message}", e);
        }
    }

    private static void Validate(IReadOnlyList<NotebookRun> runs)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var run in runs)
        {
            ArgumentNullException.ThrowIfNull(run, nameof(runs));
            var name = run.Name;
            if (string.IsNullOrWhiteSpace(name) || name != name.Trim() || name is "." or ".."
                || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || name.Contains('/') || name.Contains('\\'))
                throw new ArgumentException($"Lesson name '{name}' is not a plain file name; it becomes '<name>.html'.", nameof(runs));
            if (name.Equals("index", StringComparison.OrdinalIgnoreCase) || name.Equals("assets", StringComparison.OrdinalIgnoreCase))
                throw new ArgumentException($"Lesson name '{name}' is reserved by the site (index.html, assets/).", nameof(runs));
            if (!seen.Add(name))
                throw new ArgumentException($"Lesson name '{name}' appears twice (names are compared ignoring case, as file systems may).", nameof(runs));
        }
    }
}
