using System.Text;
using System.Text.RegularExpressions;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Site;

/// <summary>
/// Renders one cell output. <c>text/html</c> is inserted as-is (the engine already escaped text inside it and
/// Plotly charts arrive as a div plus a <c>Plotly.newPlot</c> script); every plain text is escaped.
/// </summary>
internal static partial class OutputHtml
{
    /// <summary>Mime types in order of preference, the way Jupyter front ends choose.</summary>
    private static readonly string[] Preference =
        ["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "application/json", "text/plain"];

    [GeneratedRegex(@"\x1b\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscape();

    /// <summary>The HTML for <paramref name="output"/>; nothing for a claim's data (its printed line shows it).</summary>
    public static string Render(NotebookOutput output, IReadOnlySet<string> lessonNames) => output.OutputType switch
    {
        "stream" => $"<pre class=\"output stream {(output.StreamName == "stderr" ? "stderr" : "stdout")}\">{Html.Escape(StripAnsi(output.StreamText))}</pre>\n",
        "error" => RenderError(output),
        _ when output.MimeTypes.Contains(Execution.Claims.MimeType) => "",
        _ => RenderData(output, lessonNames),
    };

    private static string RenderError(NotebookOutput o)
    {
        var sb = new StringBuilder("<div class=\"output error\">");
        sb.Append("<div class=\"error-head\">").Append(Html.Escape(o.ErrorName ?? "Error"));
        if (!string.IsNullOrEmpty(o.ErrorValue)) sb.Append(": ").Append(Html.Escape(StripAnsi(o.ErrorValue)));
        sb.Append("</div>");
        var trace = StripAnsi(string.Join("\n", o.Traceback)).Trim();
        if (trace.Length > 0 && trace != (o.ErrorValue ?? "").Trim())
            sb.Append("<pre>").Append(Html.Escape(trace)).Append("</pre>");
        return sb.Append("</div>\n").ToString();
    }

    private static string RenderData(NotebookOutput output, IReadOnlySet<string> lessonNames)
    {
        var mime = Preference.FirstOrDefault(output.MimeTypes.Contains);
        if (mime is null) return "";
        var content = output.Data(mime) ?? "";
        var body = mime switch
        {
            "text/html" or "image/svg+xml" => content,
            "image/png" or "image/jpeg" =>
                $"<img alt=\"output image\" src=\"data:{mime};base64,{Html.Escape(Regex.Replace(content, @"\s+", ""))}\">",
            "text/markdown" => MarkdownCell.ToHtml(content, lessonNames),
            _ => $"<pre>{Html.Escape(StripAnsi(content))}</pre>",
        };
        return $"<div class=\"output {(mime == "text/plain" ? "plain" : "rich")}\">{body}</div>\n";
    }

    private static string StripAnsi(string? text) => text is null ? "" : AnsiEscape().Replace(text, "");
}
