using System.Globalization;
using System.Text;
using Depth.Notebooks.Formatting;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Site;

/// <summary>One executed notebook, as the site lists it.</summary>
/// <param name="Name">File name without extension, e.g. "01-parameters".</param>
/// <param name="Title">First markdown '# ' heading, or Name.</param>
/// <param name="ExecutedPath">The executed .ipynb (already written by the engine).</param>
/// <param name="Elapsed">Run time.</param>
/// <param name="ClaimsPassed">Passing claims.</param>
/// <param name="ClaimsFailed">Failing claims.</param>
/// <param name="Succeeded">Whether the run succeeded.</param>
/// <param name="Error">The first error, if any.</param>
public sealed record NotebookRun(string Name, string Title, string ExecutedPath, TimeSpan Elapsed,
                                 int ClaimsPassed, int ClaimsFailed, bool Succeeded, string? Error);

/// <summary>
/// TEMPORARY stand-in on the engine branch (the site engineer's SiteBuilder replaces it on merge):
/// writes only outDir/index.html listing the runs, every text escaped.
/// </summary>
public static class SiteBuilder
{
    /// <summary>Writes outDir/index.html (lessons, run times, claim results), atomically.</summary>
    public static void Build(IReadOnlyList<NotebookRun> runs, string outDir)
    {
        var html = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Course</title></head><body>\n<h1>Lessons</h1>\n<table>\n<tr><th>Lesson</th><th>Time</th><th>Claims</th><th>Status</th></tr>\n");
        foreach (var run in runs)
        {
            html.Append("<tr><td>").Append(Html.Escape(run.Title)).Append("</td><td>")
                .Append(run.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)).Append(" s</td><td>")
                .Append(run.ClaimsPassed).Append(" ✓ / ").Append(run.ClaimsFailed).Append(" ✗</td><td>")
                .Append(run.Succeeded ? "ok" : Html.Escape("failed: " + run.Error)).Append("</td></tr>\n");
        }
        html.Append("</table>\n</body></html>\n");
        AtomicFile.WriteAllText(Path.Combine(outDir, "index.html"), html.ToString());
    }
}
