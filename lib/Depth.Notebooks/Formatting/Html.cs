using System.Net;

namespace Depth.Notebooks.Formatting;

/// <summary>HTML escaping: every text that lands in HTML goes through here.</summary>
public static class Html
{
    /// <summary>Escapes &amp;, &lt;, &gt;, quotes and apostrophes.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}
