using System.Globalization;
using System.Text;

namespace Depth.Notebooks.Site;

/// <summary>
/// The front page, read like the opening of a book: the course's question, what a learner will be
/// able to do after it, the lessons in order (promise, quick and full times measured on the
/// course's reference machine (<see cref="LessonTimes"/>), a thumbnail of the lesson's first
/// chart), and below them the last run's status as a report (<see cref="RunReport"/>).
/// </summary>
internal static class IndexPage
{
    private static readonly string[] Small =
        ["no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"];

    /// <summary>The HTML of <c>index.html</c> for <paramref name="runs"/> in reading order, with
    /// each lesson's reference <paramref name="times"/>.</summary>
    public static string Render(IReadOnlyList<NotebookRun> runs, LessonTimes times)
    {
        var facts = runs.Select(r => LessonFacts.Read(r.ExecutedPath)).ToList();
        var main = new StringBuilder();
        AppendCover(main, runs.Count, facts);
        AppendLessons(main, runs, facts, times);
        RunReport.Append(main, runs, facts);
        var top = runs.Count == 0 ? ""
            : $"<a rel=\"next\" href=\"{PageLayout.PageHref(runs[0].Name)}\">Start →</a>";
        return PageLayout.Page(PageLayout.CourseTitle, top, main.ToString(), "front");
    }

    private static void AppendCover(StringBuilder main, int lessons,
                                    IReadOnlyList<LessonFacts> facts)
    {
        var count = lessons < Small.Length ? Small[lessons]
            : lessons.ToString(CultureInfo.InvariantCulture);
        main.Append("<header class=\"cover\">\n<p class=\"kicker\">A course in ").Append(count)
            .Append(lessons == 1 ? " lesson" : " lessons").Append(", in C# notebooks</p>\n")
            .Append("<h1>").Append(Html.Escape(PageLayout.CourseTitle)).Append("</h1>\n");
        if (facts.Select(f => f.Question).FirstOrDefault(q => q is not null) is { } question)
            main.Append("<p class=\"question\">").Append(Html.Escape(question)).Append("</p>\n");
        main.Append("</header>\n");
        var outcomes = facts.Select(f => f.Outcomes).FirstOrDefault(o => o.Count > 0);
        if (outcomes is null) return;
        main.Append("<section class=\"outcomes\">\n")
            .Append("<h2>After the course you will be able to</h2>\n<ul>\n");
        foreach (var o in outcomes) main.Append("<li>").Append(Html.Escape(o)).Append("</li>\n");
        main.Append("</ul>\n</section>\n");
    }

    private static void AppendLessons(StringBuilder main, IReadOnlyList<NotebookRun> runs,
                                      IReadOnlyList<LessonFacts> facts, LessonTimes times)
    {
        main.Append("<section class=\"contents\">\n<h2>The lessons</h2>\n<ol class=\"toc\">\n");
        for (var i = 0; i < runs.Count; i++)
        {
            var (run, f) = (runs[i], facts[i]);
            var (number, title) = SplitNumber(run.Title);
            number ??= (i + 1).ToString("00", CultureInfo.InvariantCulture);
            main.Append("<li class=\"lesson\" data-name=\"").Append(Html.Escape(run.Name))
                .Append("\">")
                .Append("<a href=\"").Append(PageLayout.PageHref(run.Name)).Append("\">")
                .Append(f.Preview is { } p ? ChartPreview.Html(p)
                                            : "<div class=\"preview none\"></div>")
                .Append("<div class=\"entry\"><h3><span class=\"num\">").Append(Html.Escape(number))
                .Append("</span> ").Append(Html.Escape(title)).Append("</h3>");
            if (f.Promise is { } promise)
                main.Append("<p class=\"promise\">").Append(Html.Escape(promise)).Append("</p>");
            main.Append("<p class=\"times\">")
                .Append("<span class=\"quick\">quick: ").Append(times.QuickOf(run.Name))
                .Append("</span>")
                .Append("<span class=\"full\">full: ").Append(times.FullOf(run.Name))
                .Append("</span>")
                .Append("</p></div></a></li>\n");
        }
        main.Append("</ol>\n");
        if (times.Measured is { } measured)
            main.Append("<p class=\"times-note\">Times: median wall time of each lesson run alone on ")
                .Append(Html.Escape(times.Machine)).Append(", measured ")
                .Append(measured.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))
                .Append(" at ").Append(Html.Escape(times.Commit))
                .Append(" by <code>bench/lesson-times.py</code>.</p>\n");
        main.Append("</section>\n");
    }

    /// <summary>"01 · Parameters: …" → ("01", "Parameters: …"); a title without a number prefix →
    /// (null, title).</summary>
    private static (string? Number, string Title) SplitNumber(string title)
    {
        var dot = title.IndexOf(" · ", StringComparison.Ordinal);
        return dot is > 0 and <= 4 && title[..dot].All(char.IsAsciiDigit)
            ? (title[..dot], title[(dot + 3)..])
            : (null, title);
    }
}
