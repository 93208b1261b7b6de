using System.Text;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Site;

/// <summary>One book page per lesson: run summary, cells with highlighted code and outputs, previous/next links.</summary>
internal static class LessonPage
{
    /// <summary>The HTML page of <paramref name="run"/>, whose neighbours in reading order are <paramref name="previous"/> and <paramref name="next"/>.</summary>
    /// <param name="run">The lesson.</param>
    /// <param name="cells">Cells of its executed notebook.</param>
    /// <param name="notebookHref">Relative href to the executed notebook.</param>
    /// <param name="previous">The lesson before, if any.</param>
    /// <param name="next">The lesson after, if any.</param>
    /// <param name="lessonNames">Names of every lesson (to turn <c>.ipynb</c> links into page links).</param>
    public static string Render(NotebookRun run, IReadOnlyList<NotebookCell> cells, string notebookHref,
                                NotebookRun? previous, NotebookRun? next, IReadOnlySet<string> lessonNames)
    {
        var main = new StringBuilder();
        main.Append("<div class=\"run-info ").Append(run.Succeeded ? "ok" : "failed").Append("\">")
            .Append("<span class=\"status\">").Append(run.Succeeded ? "✓ ran" : "✗ failed").Append("</span>")
            .Append("<span class=\"elapsed\">ran in ").Append(Html.Escape(Html.Duration(run.Elapsed))).Append("</span>")
            .Append("<span class=\"claims-passed\">✓ ").Append(run.ClaimsPassed).Append(run.ClaimsPassed == 1 ? " claim held" : " claims held").Append("</span>")
            .Append("<span class=\"claims-failed\">✗ ").Append(run.ClaimsFailed).Append(" failed</span>")
            .Append("<a class=\"notebook\" href=\"").Append(notebookHref).Append("\">executed notebook (.ipynb)</a>")
            .Append("</div>\n");
        if (!run.Succeeded && !string.IsNullOrWhiteSpace(run.Error))
            main.Append("<pre class=\"run-error\">").Append(Html.Escape(run.Error)).Append("</pre>\n");

        main.Append("<article class=\"lesson\">\n");
        foreach (var cell in cells) AppendCell(main, cell, lessonNames);
        main.Append("</article>\n");

        main.Append("<nav class=\"pager\">");
        main.Append(previous is null ? "<span></span>"
            : $"<a class=\"prev\" rel=\"prev\" href=\"{PageLayout.PageHref(previous.Name)}\"><small>Previous</small>{Html.Escape(previous.Title)}</a>");
        main.Append(next is null ? "<span></span>"
            : $"<a class=\"next\" rel=\"next\" href=\"{PageLayout.PageHref(next.Name)}\"><small>Next</small>{Html.Escape(next.Title)}</a>");
        main.Append("</nav>\n");

        var top = new StringBuilder();
        if (previous is not null) top.Append($"<a rel=\"prev\" href=\"{PageLayout.PageHref(previous.Name)}\">← Previous</a>");
        top.Append("<a href=\"index.html\">Contents</a>");
        if (next is not null) top.Append($"<a rel=\"next\" href=\"{PageLayout.PageHref(next.Name)}\">Next →</a>");
        return PageLayout.Page(run.Title, top.ToString(), main.ToString());
    }

    private static void AppendCell(StringBuilder sb, NotebookCell cell, IReadOnlySet<string> lessonNames)
    {
        switch (cell.CellType)
        {
            case "markdown":
                if (cell.Source.Trim().Length == 0) return;
                sb.Append("<section class=\"cell markdown\">\n").Append(MarkdownCell.ToHtml(cell.Source, lessonNames)).Append("</section>\n");
                return;
            case "code":
                var outputs = cell.OutputViews;
                if (cell.Source.Trim().Length == 0 && outputs.Count == 0) return;
                sb.Append("<section class=\"cell code\">\n");
                if (cell.Tags.Count > 0 || cell.Duration is not null)
                {
                    sb.Append("<div class=\"cell-meta\">");
                    foreach (var tag in cell.Tags) sb.Append("<span class=\"tag\">").Append(Html.Escape(tag)).Append("</span>");
                    if (cell.Duration is { } d) sb.Append("<span class=\"time\">").Append(Html.Escape(Html.Duration(d))).Append("</span>");
                    sb.Append("</div>\n");
                }
                sb.Append("<pre class=\"source\"><code class=\"language-csharp\">").Append(Html.Escape(cell.Source.TrimEnd())).Append("</code></pre>\n");
                if (outputs.Count > 0)
                {
                    sb.Append("<div class=\"outputs\">\n");
                    foreach (var output in outputs) sb.Append(OutputHtml.Render(output, lessonNames));
                    sb.Append("</div>\n");
                }
                sb.Append("</section>\n");
                return;
            default:
                if (cell.Source.Trim().Length == 0) return;
                sb.Append("<pre class=\"cell raw\">").Append(Html.Escape(cell.Source)).Append("</pre>\n");
                return;
        }
    }
}
