using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Depth.Notebooks.Site;

/// <summary>
/// A small, static thumbnail of a lesson's chart for the front page: the figure (data and layout)
/// is read from the chart's <see cref="MimeType"/> output (the plotly.js JSON the chart displays
/// next to its <c>text/html</c>), every trace thinned to at most <see
/// cref="MaxPoints"/> points, hover data dropped, titles, legends and tick labels removed;
/// <c>site.js</c> draws it with plotly.js as a <c>staticPlot</c> (no interaction, no mode bar).
/// Nothing is fetched: the thumbnail's data is inside the page.
/// </summary>
internal static partial class ChartPreview
{
    /// <summary>Most points kept per trace array.</summary>
    public const int MaxPoints = 120;

    /// <summary>Thumbnail size in CSS pixels.</summary>
    public const int Width = 224, Height = 132;

    private static readonly string[] AxisKeys =
    [
        "type", "autorange", "domain", "anchor", "range", "overlaying", "side", "scaleanchor",
        "scaleratio", "constrain",
    ];

    private static readonly string[] HeavyTraceKeys =
        ["text", "hovertext", "customdata", "hovertemplate", "ids"];

    /// <summary>The MIME type under which a course chart carries its plotly.js JSON (as in
    /// <c>Depth.FigureFormatterSource</c>).</summary>
    public const string MimeType = "application/vnd.depth.figure+json";

    /// <summary>The thinned figure <c>{data, layout}</c> of a chart's plotly.js JSON, or null when
    /// it has no traces.</summary>
    public static JsonObject? Thumbnail(JsonObject figure)
    {
        if (figure["data"] is not JsonArray data || data.Count == 0) return null;
        return new JsonObject
        {
            ["data"] = new JsonArray([.. data.OfType<JsonObject>().Select(Thin)]),
            ["layout"] = Layout(figure["layout"] as JsonObject),
        };
    }

    /// <summary>The front page's markup for <paramref name="figure"/>: a sized box and its figure
    /// as JSON.</summary>
    public static string Html(JsonObject figure) =>
        // The default encoder escapes <, > and &, so the JSON cannot close the script element.
        "<div class=\"preview\" aria-hidden=\"true\">"
        + "<script type=\"application/json\" class=\"preview-figure\">"
        + figure.ToJsonString() + "</script></div>";

    private static JsonObject Thin(JsonObject trace)
    {
        var t = (JsonObject)trace.DeepClone();
        foreach (var key in HeavyTraceKeys) t.Remove(key);
        t["hoverinfo"] = "skip";
        t["showscale"] = false;
        var n = new[] { "x", "y" }.Select(k => (t[k] as JsonArray)?.Count ?? 0).Max();
        if (n > MaxPoints)
        {
            var stride = (n + MaxPoints - 1) / MaxPoints;
            foreach (var key in new[] { "x", "y" })
                if (t[key] is JsonArray a && a.Count == n)
                    t[key] = new JsonArray([.. a.Where((_, i) => i % stride == 0 || i == n - 1)
                                                .Select(v => v?.DeepClone())]);
        }
        return t;
    }

    private static JsonObject Layout(JsonObject? source)
    {
        var layout = new JsonObject
        {
            ["width"] = Width, ["height"] = Height, ["showlegend"] = false,
            ["margin"] = new JsonObject { ["l"] = 6, ["r"] = 6, ["t"] = 6, ["b"] = 6, ["pad"] = 0 },
            ["paper_bgcolor"] = "rgba(0,0,0,0)", ["plot_bgcolor"] = "rgba(0,0,0,0)",
        };
        if (source?["grid"] is JsonObject grid) layout["grid"] = grid.DeepClone();
        if (source?["coloraxis"] is JsonObject colors)
        {
            var c = (JsonObject)colors.DeepClone();
            c["showscale"] = false;
            layout["coloraxis"] = c;
        }
        var axes = source?.Where(p => AxisName().IsMatch(p.Key)).Select(p => p.Key).ToList() ?? [];
        foreach (var name in axes.Concat(["xaxis", "yaxis"]).Distinct())
        {
            var axis = new JsonObject
            {
                ["showticklabels"] = false, ["ticks"] = "",
                ["title"] = new JsonObject { ["text"] = "" }, ["zeroline"] = false,
                ["gridcolor"] = "#eceef1", ["linecolor"] = "#d1d9e0", ["showline"] = true,
            };
            if (source?[name] is JsonObject from)
                foreach (var key in AxisKeys)
                    if (from[key] is { } v) axis[key] = v.DeepClone();
            layout[name] = axis;
        }
        return layout;
    }

    [GeneratedRegex(@"^[xy]axis\d*$")]
    private static partial Regex AxisName();
}
