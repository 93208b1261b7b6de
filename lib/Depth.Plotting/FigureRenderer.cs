using System.Net;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CS = Plotly.NET.CSharp;

namespace Depth.Plotting;

/// <summary>
/// Turns the course's figure description into plotly.js JSON with Plotly.NET. Depth calls
/// <see cref="Render"/> by reflection from an isolated load context; the string in, string out
/// boundary keeps every Plotly.NET and FSharp.Core type on this side.
/// </summary>
public static class FigureRenderer
{
    /// <summary>
    /// <c>{"data": [...], "layout": {...}, "config": {...}}</c> for the figure in <paramref
    /// name="figureJson"/>
    /// (Depth.Figure.ToJson()), ready for <c>Plotly.newPlot(div, data, layout, config)</c>.
    /// Labels are HTML-escaped: plotly.js shows the entities as the characters, and a label can
    /// never
    /// end the &lt;script&gt; the JSON is written into.
    /// </summary>
    public static string Render(string figureJson)
    {
        var spec = FigureSpec.Parse(figureJson);
        if (spec.Traces.Length == 0)
            throw new ArgumentException("a figure needs at least one trace");
        var chart = CS.Chart.Combine(spec.Traces.Select(Trace));
        return GenericChart.toJson(Style(chart, spec.Layout));
    }

    private static GenericChart Trace(TraceSpec t) => t.Kind switch
    {
        "line" => Line(t),
        "column" => Column(t),
        "histogram" => CS.Chart.Histogram<double, double, string>(
            X: Need(t.X, t, "x"), Name: Text(t.Name), NBinsX: Opt(t.Bins), Opacity: Opt(t.Opacity)),
        "heatmap" => Heatmap(t),
        _ => throw new ArgumentException(
            $"unknown trace kind '{t.Kind}' (line, column, histogram, heatmap)"),
    };

    private static GenericChart Line(TraceSpec t)
    {
        var colour = t.Color is null ? default : new CS.Optional<Color>(ColourOf(t.Color), true);
        var dash = t.Dash switch
        {
            "dot" => StyleParam.DrawingStyle.Dot,
            "dash" => StyleParam.DrawingStyle.Dash,
            _ => StyleParam.DrawingStyle.Solid,
        };
        return CS.Chart.Line<double, double, string>(x: Need(t.X, t, "x"), y: Need(t.Y, t, "y"),
            Name: Text(t.Name), ShowMarkers: t.Markers, LineColor: colour,
            MarkerColor: t.Markers ? colour : default, LineDash: dash, LineWidth: Opt(t.LineWidth));
    }

    private static GenericChart Column(TraceSpec t)
    {
        var values = Need(t.Y, t, "y");
        return t.XLabels is { } labels
            ? CS.Chart.Column<double, string, string>(values: values,
                Keys: labels.Select(Text).ToArray(), Name: Text(t.Name))
            : CS.Chart.Column<double, double, string>(values: values, Keys: Need(t.X, t, "x"),
                Name: Text(t.Name));
    }

    private static GenericChart Heatmap(TraceSpec t)
    {
        var z = Need(t.Z, t, "z").Select(r => (IEnumerable<double>)r).ToArray();
        var x = t.X is null ? default : new CS.Optional<IEnumerable<double>>(t.X, true);
        var name = Text(t.Name);
        if (t.YLabels is { } labels)
            return CS.Chart.Heatmap<double, double, string, string>(zData: z, X: x,
                Y: labels.Select(Text).ToArray(), Name: name);
        var y = t.Y is null ? default : new CS.Optional<IEnumerable<double>>(t.Y, true);
        return CS.Chart.Heatmap<double, double, double, string>(zData: z, X: x, Y: y, Name: name);
    }

    /// <summary>The course's look: light template, size, one font, titles and axis
    /// scales.</summary>
    private static GenericChart Style(GenericChart chart, LayoutSpec l)
    {
        var font = new Font();
        font.SetProperty("family", l.FontFamily);
        font.SetProperty("size", l.FontSize);
        var title = new Title();
        title.SetProperty("text", Text(l.Title));
        var layout = new Layout();
        layout.SetProperty("title", title);
        layout.SetProperty("font", font);
        layout.SetProperty("width", l.Width);
        layout.SetProperty("height", l.Height);
        if (l.BarMode is { } barMode) layout.SetProperty("barmode", barMode);
        if (l.MarginLeft is { } left)
        {
            var margin = new Margin();
            margin.SetProperty("l", left);
            layout.SetProperty("margin", margin);
        }
        chart = Chart.withTemplate(ChartTemplates.light).Invoke(chart);
        chart = Chart.withLayout(layout).Invoke(chart);
        chart = CS.GenericChartExtensions.WithXAxisStyle<double, double, double>(chart,
            TitleText: Text(l.XTitle), AxisType: Scale(l.XScale));
        return CS.GenericChartExtensions.WithYAxisStyle<double, double, double>(chart,
            TitleText: Text(l.YTitle), AxisType: Scale(l.YScale));
    }

    private static StyleParam.AxisType Scale(string scale) => scale switch
    {
        "log" => StyleParam.AxisType.Log,
        "category" => StyleParam.AxisType.Category,
        "linear" => StyleParam.AxisType.Linear,
        "auto" => StyleParam.AxisType.Auto,
        _ => throw new ArgumentException(
            $"unknown axis scale '{scale}' (auto, linear, log, category)"),
    };

    private static Color ColourOf(string colour)
        => colour.StartsWith('#') ? Color.fromHex(colour) : Color.fromString(colour);

    private static T Need<T>(T? value, TraceSpec t, string what) where T : class
        => value ?? throw new ArgumentException($"{t.Kind} trace '{t.Name}' has no {what} values");

    private static CS.Optional<T> Opt<T>(T? value) where T : struct
        => value is { } v ? new CS.Optional<T>(v, true) : default;

    // HTML-escaped text (see Render).
    private static string Text(string? text) => WebUtility.HtmlEncode(text ?? "");
}
