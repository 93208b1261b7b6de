using System.Text;

namespace Depth.Notebooks.Site;

/// <summary>The frame every page shares: head with local assets only, top bar, scripts. Links are relative.</summary>
internal static class PageLayout
{
    /// <summary>The course name shown in the top bar and the index heading.</summary>
    public const string CourseTitle = "Depth: training very deep networks, in C#";

    /// <summary>A relative href to a file in the site folder (each path segment URL-escaped, then HTML-escaped).</summary>
    public static string Href(string relativePath) =>
        Html.Escape(string.Join('/', relativePath.Replace('\\', '/').Split('/').Select(Uri.EscapeDataString)));

    /// <summary>A relative href to the page of the lesson called <paramref name="name"/>.</summary>
    public static string PageHref(string name) => Href(name + ".html");

    /// <summary>A whole HTML document around <paramref name="main"/>.</summary>
    /// <param name="title">Page title (plain text; escaped here).</param>
    /// <param name="topNav">HTML of the top bar's right side (already escaped).</param>
    /// <param name="main">HTML of the main column (already escaped).</param>
    /// <param name="bodyClass">A class for <c>body</c> (the front page's own layout), or
    /// null.</param>
    public static string Page(string title, string topNav, string main, string? bodyClass = null)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
          .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
          .Append("<title>").Append(Html.Escape(title == CourseTitle ? title : $"{title} · {CourseTitle}")).Append("</title>\n")
          .Append("<link rel=\"stylesheet\" href=\"assets/katex/katex.min.css\">\n")
          .Append("<link rel=\"stylesheet\" href=\"assets/highlight/github.min.css\">\n")
          .Append("<link rel=\"stylesheet\" href=\"assets/site.css\">\n")
          .Append("<script src=\"assets/plotly.min.js\"></script>\n")
          .Append("</head>\n<body")
          .Append(bodyClass is null ? "" : $" class=\"{Html.Escape(bodyClass)}\"").Append(">\n")
          .Append("<header class=\"topbar\"><a class=\"home\" href=\"index.html\">").Append(Html.Escape(CourseTitle)).Append("</a>")
          .Append("<nav class=\"topnav\">").Append(topNav).Append("</nav></header>\n")
          .Append("<main>\n").Append(main).Append("</main>\n")
          .Append("<script src=\"assets/katex/katex.min.js\"></script>\n")
          .Append("<script src=\"assets/katex/contrib/auto-render.min.js\"></script>\n")
          .Append("<script src=\"assets/highlight/highlight.min.js\"></script>\n")
          .Append("<script src=\"assets/site.js\"></script>\n")
          .Append("</body>\n</html>\n");
        return sb.ToString();
    }
}
