using Markdig;
using Markdig.Renderers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Depth.Notebooks.Site;

/// <summary>
/// Markdown cells to HTML with Markdig. Math (<c>$…$</c>, <c>$$…$$</c>) becomes
/// <c>&lt;span class="math"&gt;\(…\)&lt;/span&gt;</c> / <c>&lt;div class="math"&gt;\[…\]&lt;/div&gt;</c>,
/// which KaTeX renders in the browser. Links to another lesson's <c>.ipynb</c> point to its page.
/// </summary>
internal static class MarkdownCell
{
    /// <summary>
    /// The extensions a lesson needs, chosen one by one rather than <c>UseAdvancedExtensions()</c>:
    /// that set includes media links, which would embed network iframes and break the offline site.
    /// </summary>
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .UsePipeTables()
        .UseGridTables()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseFootnotes()
        .UseTaskLists()
        .UseListExtras()
        .UseDefinitionLists()
        .UseAutoLinks()
        .Build();

    /// <summary>Renders <paramref name="markdown"/>; relative links to <c>&lt;lesson&gt;.ipynb</c> become <c>&lt;lesson&gt;.html</c>.</summary>
    /// <param name="markdown">The cell source.</param>
    /// <param name="lessonNames">Names of the lessons on the site.</param>
    public static string ToHtml(string markdown, IReadOnlySet<string> lessonNames)
    {
        var doc = Markdown.Parse(markdown, Pipeline);
        foreach (var link in doc.Descendants<LinkInline>())
            if (link.Url is { } url && RewriteLessonLink(url, lessonNames) is { } page)
                link.Url = page;
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(doc);
        writer.Flush();
        return writer.ToString();
    }

    private static string? RewriteLessonLink(string url, IReadOnlySet<string> lessonNames)
    {
        if (url.Contains("://", StringComparison.Ordinal)) return null;
        var hash = url.IndexOf('#');
        var path = hash >= 0 ? url[..hash] : url;
        var fragment = hash >= 0 ? url[hash..] : "";
        if (!path.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) return null;
        var name = Path.GetFileNameWithoutExtension(path.Replace('\\', '/').Split('/')[^1]);
        return lessonNames.Contains(name) ? $"{name}.html{fragment}" : null;
    }
}
