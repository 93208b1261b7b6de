using System.Globalization;
using System.Text;

namespace Depth.Notebooks.Site;

/// <summary>The front page's last section: the last run as a report — claims held, failures, total
/// time, kernel, when — and one row per lesson.</summary>
internal static class RunReport
{
    /// <summary>Appends the report of <paramref name="runs"/> (with their <paramref name="facts"/>)
    /// to <paramref name="main"/>.</summary>
    public static void Append(StringBuilder main, IReadOnlyList<NotebookRun> runs,
                              IReadOnlyList<LessonFacts> facts)
    {
        var failedRuns = runs.Count(r => !r.Succeeded);
        var held = runs.Sum(r => r.ClaimsPassed);
        var broken = runs.Sum(r => r.ClaimsFailed);
        var total = runs.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed);
        var ok = failedRuns == 0 && broken == 0;

        main.Append("<section class=\"report\">\n<h2>The last run</h2>\n");
        main.Append("<p class=\"overall ").Append(ok ? "ok" : "failed").Append("\">");
        main.Append(ok
            ? $"✓ All {runs.Count} {Plural(runs.Count, "lesson")} ran; "
              + $"{held} {Plural(held, "claim")} held."
            : $"✗ {failedRuns} of {runs.Count} {Plural(runs.Count, "lesson")} failed; "
              + $"{broken} {Plural(broken, "claim")} did not hold, {held} held.");
        main.Append("</p>\n<p class=\"run-facts\"><span class=\"total-time\">Total run time: ")
            .Append(Html.Escape(Html.Duration(total))).Append("</span>");
        var kernels = facts.Select(f => f.Kernel).OfType<string>().Distinct().ToList();
        if (kernels.Count > 0)
            main.Append("<span class=\"kernel\">kernel: ")
                .Append(Html.Escape(string.Join(", ", kernels))).Append("</span>");
        if (When(facts) is { } when)
            main.Append("<span class=\"when\">ran ").Append(when).Append("</span>");
        main.Append("</p>\n");

        main.Append("<table class=\"lessons\">\n<thead><tr><th>#</th><th>Lesson</th><th>Mode</th>")
            .Append("<th>Run time</th><th>Claims held</th><th>Claims failed</th><th>Status</th>")
            .Append("</tr>")
            .Append("</thead>\n<tbody>\n");
        for (var i = 0; i < runs.Count; i++) AppendRow(main, i + 1, runs[i]);
        main.Append("</tbody>\n</table>\n</section>\n");
    }

    private static void AppendRow(StringBuilder main, int number, NotebookRun r)
    {
        var ms = ((long)r.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        main.Append("<tr class=\"").Append(r.Succeeded ? "ok" : "failed")
            .Append("\" data-name=\"").Append(Html.Escape(r.Name))
            .Append("\" data-elapsed-ms=\"").Append(ms).Append("\">")
            .Append("<td class=\"num\">").Append(number).Append("</td>")
            .Append("<td class=\"title\"><a href=\"").Append(PageLayout.PageHref(r.Name))
            .Append("\">")
            .Append(Html.Escape(r.Title)).Append("</a></td>")
            .Append("<td class=\"mode\">")
            .Append(r.Quick switch { true => "quick", false => "full", _ => "" }).Append("</td>")
            .Append("<td class=\"elapsed\">").Append(Html.Escape(Html.Duration(r.Elapsed)))
            .Append("</td>")
            .Append("<td class=\"claims-passed\">").Append(r.ClaimsPassed).Append("</td>")
            .Append("<td class=\"claims-failed\">").Append(r.ClaimsFailed).Append("</td>")
            .Append("<td class=\"status\">").Append(r.Succeeded ? "✓ passed" : "✗ failed");
        if (!r.Succeeded && !string.IsNullOrWhiteSpace(r.Error))
            main.Append("<div class=\"error-text\">").Append(Html.Escape(r.Error)).Append("</div>");
        main.Append("</td></tr>\n");
    }

    /// <summary>When the lessons ran (UTC, from <c>metadata.course.executed</c>): one time, or the
    /// first and the last; null when unknown.</summary>
    private static string? When(IReadOnlyList<LessonFacts> facts)
    {
        var times = facts.Select(f => f.Executed).OfType<DateTimeOffset>().Order().ToList();
        if (times.Count == 0) return null;
        var (first, last) = (times[0].UtcDateTime, times[^1].UtcDateTime);
        var inv = CultureInfo.InvariantCulture;
        var when = first.ToString("yyyy-MM-dd HH:mm", inv);
        if (last - first >= TimeSpan.FromMinutes(1))
            when += last.ToString(last.Date == first.Date ? "–HH:mm" : " – yyyy-MM-dd HH:mm", inv);
        return when + " UTC";
    }

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";
}
