using System.Net;

namespace Depth;

/// <summary>HTML helpers.</summary>
public static class Html
{
    /// <summary>Escapes &lt;, &gt;, &amp;, " and ' so any text can go into HTML content or attributes.</summary>
    public static string Escape(string? text) => WebUtility.HtmlEncode(text ?? "");
}
