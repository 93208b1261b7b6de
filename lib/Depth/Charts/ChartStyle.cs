using Plotly.NET;

namespace Depth.Charts;

/// <summary>The course's one chart look: white template, 760 × 420 px, one font, legend on the right, and
/// no network reference to plotly.js (the page that shows the chart loads it itself).</summary>
public static class ChartStyle
{
    /// <summary>Chart width in pixels.</summary>
    public const int Width = 760;
    /// <summary>Chart height in pixels.</summary>
    public const int Height = 420;
    /// <summary>Font family of every chart.</summary>
    public const string FontFamily = "Inter, Segoe UI, Helvetica, Arial, sans-serif";

    /// <summary>Applies the look, the title and the axis titles (and log axes when asked) to <paramref name="chart"/>.
    /// Axes that are not log are left to plotly.js to detect (numbers → linear, names → categories), so bar charts of
    /// named items need no fix-up.</summary>
    public static GenericChart Apply(GenericChart chart, string title, string? xTitle = null, string? yTitle = null, bool logX = false, bool logY = false)
    {
        var font = new Font();
        font.SetProperty("family", FontFamily);
        font.SetProperty("size", 13);
        var titleObj = new Title();
        titleObj.SetProperty("text", Text(title));
        var layout = new Layout();
        layout.SetProperty("title", titleObj);
        layout.SetProperty("font", font);
        layout.SetProperty("width", Width);
        layout.SetProperty("height", Height);
        chart = Chart.withTemplate(ChartTemplates.light).Invoke(chart);
        chart = Chart.withLayout(layout).Invoke(chart);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, double>(chart,
            TitleText: Text(xTitle ?? ""), AxisType: logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Auto);
        chart = Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, double>(chart,
            TitleText: Text(yTitle ?? ""), AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Auto);
        var display = new DisplayOptions();
        display.SetProperty("PlotlyJSReference", PlotlyJSReference.NoReference);
        return Chart.withDisplayOptions(display).Invoke(chart);
    }

    /// <summary>Text for a chart label: HTML-escaped, because Plotly.NET writes labels unescaped into a &lt;script&gt;
    /// (a "&lt;/script&gt;" in a name would end it); plotly.js turns the entities back into the characters on screen.</summary>
    public static string Text(string text) => Depth.Notebook.Html.Escape(text);

    /// <summary>The chart's HTML (a div and a script calling Plotly.newPlot, no plotly.js reference).</summary>
    public static string ToHtml(GenericChart chart) => GenericChart.toChartHTML(chart);
}
