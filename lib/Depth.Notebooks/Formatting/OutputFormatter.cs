using System.Collections;
using System.Globalization;
using Plotly.NET;

namespace Depth.Notebooks.Formatting;

/// <summary>
/// Turns a value into output data (MIME type → text), following the kernel's choices:
/// Plotly.NET charts → <c>text/html</c>; types carrying <c>[TypeFormatterSource]</c> → their formatters;
/// sequences of records → an HTML table; <see cref="HtmlContent"/> → <c>text/html</c>; everything else → <c>text/plain</c>.
/// Every value text placed in HTML is escaped.
/// </summary>
public static class OutputFormatter
{
    /// <summary>The data of a display_data / execute_result output for <paramref name="value"/>.</summary>
    /// <param name="value">The value to show.</param>
    /// <param name="mimeTypes">If given (as in <c>display(x, "text/html")</c>), only these MIME types are kept.</param>
    public static IReadOnlyDictionary<string, string> Format(object? value, IReadOnlyCollection<string>? mimeTypes = null)
    {
        var data = FormatAll(value);
        if (mimeTypes is null || mimeTypes.Count == 0) return data;
        var kept = data.Where(kv => mimeTypes.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (kept.Count == 0)
            throw new ArgumentException($"no formatter for {string.Join(", ", mimeTypes)} of {TypeName(value)} (available: {string.Join(", ", data.Keys)})");
        return kept;
    }

    private static Dictionary<string, string> FormatAll(object? value)
    {
        switch (value)
        {
            case null:
                return Plain("<null>");
            case HtmlContent html:
                return new() { [MimeTypes.Html] = html.Html };
            case string s:
                return Plain(s);
            case GenericChart chart:
                return new() { [MimeTypes.Html] = ChartFormatter.ToHtml(chart), [MimeTypes.PlainText] = TypeName(value) };
        }
        var fromSource = TypeFormatterSources.Format(value);
        if (fromSource.Count > 0)
        {
            var data = new Dictionary<string, string>(fromSource);
            if (!data.ContainsKey(MimeTypes.PlainText)) data[MimeTypes.PlainText] = PlainText(value);
            return data;
        }
        if (value is IEnumerable sequence && RecordTable.ElementRecordType(value.GetType()) is { } recordType)
        {
            var items = sequence.Cast<object?>().ToList();
            return new() { [MimeTypes.Html] = RecordTable.ToHtml(recordType, items), [MimeTypes.PlainText] = RecordTable.ToPlainText(recordType, items) };
        }
        return Plain(PlainText(value));
    }

    /// <summary>The plain-text form: invariant culture for numbers, sequences as <c>[a, b, c]</c>, otherwise ToString().</summary>
    public static string PlainText(object? value) => value switch
    {
        null => "<null>",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IDictionary d => "{ " + string.Join(", ", d.Keys.Cast<object?>().Select(k => $"{PlainText(k)}: {PlainText(d[k!])}")) + " }",
        IEnumerable e => "[" + string.Join(", ", e.Cast<object?>().Take(100).Select(PlainText)) + (e.Cast<object?>().Skip(100).Any() ? ", …" : "") + "]",
        _ => value.ToString() ?? "",
    };

    private static Dictionary<string, string> Plain(string text) => new() { [MimeTypes.PlainText] = text };

    private static string TypeName(object? value) => value?.GetType().FullName ?? "null";
}
