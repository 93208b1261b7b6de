using System.Globalization;
using System.Text;

namespace Depth.Notebooks.Site;

/// <summary>
/// The front page, read like the opening of a book: the course's question, what a learner will be able to do after
/// it, the lessons in order (promise, measured quick and full times, a thumbnail of the lesson's first chart), and
/// below them the last run's status as a report (claims, failures, kernel, when, one row per lesson).
/// </summary>
internal static class IndexPage
{
    /// <summary>The HTML of <c>index.html</c> for <paramref name="runs"/> in reading order.</summary>
    public static string Render(IReadOnlyList<NotebookRun> runs)
    {
        var facts = runs.Select(r => LessonFacts.Read(r.ExecutedPath)).ToList();
        var main = new StringBuilder();
        AppendCover(main, runs.Count, facts);
        AppendLessons(main, runs, facts);
        AppendReport(main, runs, facts);
        var top = runs.Count > 0 ? $"<a rel=\"next\" href=\"{PageLayout.PageHref(runs[0].Name)}\">Start →</a>" : "";
        return PageLayout.Page(PageLayout.CourseTitle, top, main.ToString(), "front");
    }

    private static void AppendCover(StringBuilder main, int lessons, IReadOnlyList<LessonFacts> facts)
    {
        main.Append("<header class=\"cover\">\n<p class=\"kicker\">A course in ").Append(Words(lessons))
            .Append(lessons == 1 ? " lesson" : " lessons").Append(", in C# notebooks</p>\n")
            .Append("<h1>").Append(Html.Escape(PageLayout.CourseTitle)).Append("</h1>\n");
        if (facts.Select(f => f.Question).FirstOrDefault(q => q is not null) is { } question)
            main.Append("<p class=\"question\">").Append(Html.Escape(question)).Append("</p>\n");
        main.Append("</header>\n");
        var outcomes = facts.Select(f => f.Outcomes).FirstOrDefault(o => o.Count > 0);
        if (outcomes is null) return;
        main.Append("<section class=\"outcomes\">\n<h2>After the course you will be able to</h2>\n<ul>\n");
        foreach (var o in outcomes) main.Append("<li>").Append(Html.Escape(o)).Append("</li>\n");
        main.Append("</ul>\n</section>\n");
    }

    private static void AppendLessons(StringBuilder main, IReadOnlyList<NotebookRun> runs, IReadOnlyList<LessonFacts> facts)
    {
        main.Append("<section class=\"contents\">\n<h2>The lessons</h2>\n<ol class=\"toc\">\n");
        for (var i = 0; i < runs.Count; i++)
        {
            var (run, f) = (runs[i], facts[i]);
            var (number, title) = SplitNumber(run.Title);
            main.Append("<li class=\"lesson\" data-name=\"").Append(Html.Escape(run.Name)).Append("\">")
                .Append("<a href=\"").Append(PageLayout.PageHref(run.Name)).Append("\">")
                .Append(f.Preview is { } p ? ChartPreview.Html(p) : "<div class=\"preview none\"></div>")
                .Append("<div class=\"entry\"><h3><span class=\"num\">").Append(Html.Escape(number ?? (i + 1).ToString("00", CultureInfo.InvariantCulture)))
                .Append("</span> ").Append(Html.Escape(title)).Append("</h3>");
            if (f.Promise is { } promise) main.Append("<p class=\"promise\">").Append(Html.Escape(promise)).Append("</p>");
            main.Append("<p class=\"times\"><span class=\"quick\">quick: ").Append(Time(run.LastQuick)).Append("</span>")
                .Append("<span class=\"full\">full: ").Append(Time(run.LastFull)).Append("</span></p>")
                .Append("</div></a></li>\n");
        }
        main.Append("</ol>\n</section>\n");
    }

    private static void AppendReport(StringBuilder main, IReadOnlyList<NotebookRun> runs, IReadOnlyList<LessonFacts> facts)
    {
        var failedRuns = runs.Count(r => !r.Succeeded);
        var held = runs.Sum(r => r.ClaimsPassed);
        var broken = runs.Sum(r => r.ClaimsFailed);
        var total = runs.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed);
        var ok = failedRuns == 0 && broken == 0;

        main.Append("<section class=\"report\">\n<h2>The last run</h2>\n");
        main.Append("<p class=\"overall ").Append(ok ? "ok" : "failed").Append("\">");
        main.Append(ok
            ? $"✓ All {runs.Count} {Plural(runs.Count, "lesson")} ran; {held} {Plural(held, "claim")} held."
            : $"✗ {failedRuns} of {runs.Count} {Plural(runs.Count, "lesson")} failed; "
              + $"{broken} {Plural(broken, "claim")} did not hold, {held} held.");
        main.Append("</p>\n<p class=\"run-facts\"><span class=\"total-time\">Total run time: ")
            .Append(Html.Escape(Html.Duration(total))).Append("</span>");
        var kernels = facts.Select(f => f.Kernel).OfType<string>().Distinct().ToList();
        if (kernels.Count > 0) main.Append("<span class=\"kernel\">kernel: ").Append(Html.Escape(string.Join(", ", kernels))).Append("</span>");
        var times = facts.Select(f => f.Executed).OfType<DateTimeOffset>().Order().ToList();
        if (times.Count > 0)
        {
            var when = times[0].UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
            if (times[^1] - times[0] >= TimeSpan.FromMinutes(1))
                when += times[^1].UtcDateTime.ToString(times[^1].Date == times[0].Date ? "–HH:mm" : " – yyyy-MM-dd HH:mm",
                                                       CultureInfo.InvariantCulture);
            main.Append("<span class=\"when\">ran ").Append(when).Append(" UTC</span>");
        }
        main.Append("</p>\n");

        main.Append("<table class=\"lessons\">\n<thead><tr><th>#</th><th>Lesson</th><th>Mode</th><th>Run time</th>")
            .Append("<th>Claims held</th><th>Claims failed</th><th>Status</th></tr></thead>\n<tbody>\n");
        for (var i = 0; i < runs.Count; i++)
        {
            var r = runs[i];
            main.Append("<tr class=\"").Append(r.Succeeded ? "ok" : "failed").Append("\" data-name=\"").Append(Html.Escape(r.Name))
                .Append("\" data-elapsed-ms=\"").Append(((long)r.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture)).Append("\">")
                .Append("<td class=\"num\">").Append(i + 1).Append("</td>")
                .Append("<td class=\"title\"><a href=\"").Append(PageLayout.PageHref(r.Name)).Append("\">").Append(Html.Escape(r.Title)).Append("</a></td>")
                .Append("<td class=\"mode\">").Append(r.Quick switch { true => "quick", false => "full", null => "" }).Append("</td>")
                .Append("<td class=\"elapsed\">").Append(Html.Escape(Html.Duration(r.Elapsed))).Append("</td>")
                .Append("<td class=\"claims-passed\">").Append(r.ClaimsPassed).Append("</td>")
                .Append("<td class=\"claims-failed\">").Append(r.ClaimsFailed).Append("</td>")
                .Append("<td class=\"status\">").Append(r.Succeeded ? "✓ passed" : "✗ failed");
            if (!r.Succeeded && !string.IsNullOrWhiteSpace(r.Error))
                main.Append("<div class=\"error-text\">").Append(Html.Escape(r.Error)).Append("</div>");
            main.Append("</td></tr>\n");
        }
        main.Append("</tbody>\n</table>\n</section>\n");
    }

    /// <summary>"01 · Parameters: …" → ("01", "Parameters: …"); a title without a number prefix → (null, title).</summary>
    private static (string? Number, string Title) SplitNumber(string title)
    {
        var dot = title.IndexOf(" · ", StringComparison.Ordinal);
        return dot is > 0 and <= 4 && title[..dot].All(char.IsAsciiDigit) ? (title[..dot], title[(dot + 3)..]) : (null, title);
    }

    /// <summary>A measured time, rounded for reading ("14 s", "3 min 05 s"), or "not measured yet".</summary>
    private static string Time(TimeSpan? t) => t switch
    {
        null => "not measured yet",
        { TotalSeconds: < 59.5 } s => string.Create(CultureInfo.InvariantCulture, $"{Math.Max(1, Math.Round(s.TotalSeconds)):0} s"),
        { TotalMinutes: < 59.5 } m => string.Create(CultureInfo.InvariantCulture, $"{(int)m.TotalMinutes} min {m.Seconds:00} s"),
        { } h => Html.Duration(h),
    };

    private static readonly string[] Small =
        ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];

    private static string Words(int n) => n >= 0 && n < Small.Length ? Small[n] : n.ToString(CultureInfo.InvariantCulture);

    private static string Plural(int n, string word) => n == 1 ? word : word + "s";
}
