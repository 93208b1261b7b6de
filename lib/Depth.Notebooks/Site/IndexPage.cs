using System.Globalization;
using System.Text;

namespace Depth.Notebooks.Site;

/// <summary>The contents page: overall status, then every lesson with its run time and claim results.</summary>
internal static class IndexPage
{
    /// <summary>The HTML of <c>index.html</c> for <paramref name="runs"/> in reading order.</summary>
    public static string Render(IReadOnlyList<NotebookRun> runs)
    {
        var failedRuns = runs.Count(r => !r.Succeeded);
        var held = runs.Sum(r => r.ClaimsPassed);
        var broken = runs.Sum(r => r.ClaimsFailed);
        var total = runs.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed);
        var ok = failedRuns == 0 && broken == 0;

        var main = new StringBuilder();
        main.Append("<h1>").Append(Html.Escape(PageLayout.CourseTitle)).Append("</h1>\n");
        main.Append("<p class=\"overall ").Append(ok ? "ok" : "failed").Append("\">");
        main.Append(ok
            ? $"✓ All {runs.Count} {Plural(runs.Count, "lesson")} ran; {held} {Plural(held, "claim")} held."
            : $"✗ {failedRuns} of {runs.Count} {Plural(runs.Count, "lesson")} failed; {broken} {Plural(broken, "claim")} did not hold, {held} held.");
        main.Append("</p>\n");
        main.Append("<p class=\"total-time\">Total run time: ").Append(Html.Escape(Html.Duration(total))).Append("</p>\n");

        main.Append("<table class=\"lessons\">\n<thead><tr><th>#</th><th>Lesson</th><th>Run time</th>")
            .Append("<th>Claims held</th><th>Claims failed</th><th>Status</th></tr></thead>\n<tbody>\n");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            main.Append("<tr class=\"").Append(r.Succeeded ? "ok" : "failed").Append("\" data-name=\"").Append(Html.Escape(r.Name))
                .Append("\" data-elapsed-ms=\"").Append(((long)r.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append("<td class=\"num\">").Append(i + 1).Append("</td>")
                .Append("<td class=\"title\"><a href=\"").Append(PageLayout.PageHref(r.Name)).Append("\">").Append(Html.Escape(r.Title)).Append("</a></td>")
                .Append("<td class=\"elapsed\">").Append(Html.Escape(Html.Duration(r.Elapsed))).Append("</td>")
                .Append("<td class=\"claims-passed\">").Append(r.ClaimsPassed).Append("</td>")
                .Append("<td class=\"claims-failed\">").Append(r.ClaimsFailed).Append("</td>")
                .Append("<td class=\"status\">").Append(r.Succeeded ? "✓ passed" : "✗ failed");
            if (!r.Succeeded && !string.IsNullOrWhiteSpace(r.Error))
                main.Append("<div class=\"error-text\">").Append(Html.Escape(r.Error)).Append("</div>");
            main.Append("</td></tr>\n");
        }
        main.Append("</tbody>\n</table>\n");

        var top = runs.Count > 0 ? $"<a rel=\"next\" href=\"{PageLayout.PageHref(runs[0].Name)}\">Start →</a>" : "";
        return PageLayout.Page(PageLayout.CourseTitle, top, main.ToString());
    }

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";
}
