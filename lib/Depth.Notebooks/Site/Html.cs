using System.Globalization;

namespace Depth.Notebooks.Site;

/// <summary>HTML text helpers for the site: escaping and human-readable durations.</summary>
internal static class Html
{
    /// <summary>Escapes text for element content or a quoted attribute (&amp;, &lt;, &gt;, quotes, apostrophes).</summary>
    public static string Escape(string? text) => System.Net.WebUtility.HtmlEncode(text ?? "");

    /// <summary>A duration for people: <c>0.42 s</c>, <c>12.3 s</c>, <c>2 min 05 s</c>, <c>1 h 02 min</c>.</summary>
    public static string Duration(TimeSpan t)
    {
        var inv = CultureInfo.InvariantCulture;
        if (t < TimeSpan.Zero) t = TimeSpan.Zero;
        if (t.TotalSeconds < 10) return t.TotalSeconds.ToString("0.00", inv) + " s";
        if (t.TotalSeconds < 60) return t.TotalSeconds.ToString("0.0", inv) + " s";
        if (t.TotalHours < 1) return string.Create(inv, $"{(int)t.TotalMinutes} min {t.Seconds:00} s");
        return string.Create(inv, $"{(int)t.TotalHours} h {t.Minutes:00} min");
    }
}
