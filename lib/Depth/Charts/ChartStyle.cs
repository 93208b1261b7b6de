namespace Depth;

/// <summary>The course's one chart look: Plotly.NET's light template, 760 × 420 px, one font,
/// legend on the
/// right, and no plotly.js inside a chart (see <see cref="FigureHtml"/> for where it comes
/// from).</summary>
public static class ChartStyle
{
    /// <summary>Chart width in pixels.</summary>
    public const int Width = 760;
    /// <summary>Chart height in pixels.</summary>
    public const int Height = 420;
    /// <summary>Font family of every chart.</summary>
    public const string FontFamily = "Inter, Segoe UI, Helvetica, Arial, sans-serif";
    /// <summary>Font size of every chart.</summary>
    public const int FontSize = 13;

    /// <summary>The layout of a chart with this look: title, axis titles, and log axes when asked.
    /// Axes that are
    /// not log are left to plotly.js to detect (numbers → linear, names → categories).</summary>
    public static FigureLayout Layout(string title, string? xTitle = null, string? yTitle = null,
        bool logX = false, bool logY = false)
        => new(title)
        {
            XTitle = xTitle ?? "",
            YTitle = yTitle ?? "",
            XScale = logX ? AxisScale.Log : AxisScale.Auto,
            YScale = logY ? AxisScale.Log : AxisScale.Auto,
        };

    /// <summary>Text for HTML: escaped. Chart labels are escaped this way when a figure renders
    /// (plotly.js
    /// turns the entities back into the characters on screen, and no label can end the chart's
    /// script).</summary>
    public static string Text(string text) => Depth.Html.Escape(text);

    /// <summary>The chart's HTML (a div and a script; see <see cref="FigureHtml"/>).</summary>
    public static string ToHtml(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        return figure.ToHtml();
    }
}
