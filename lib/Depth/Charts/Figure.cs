using System.Text.Json;
using System.Text.Json.Serialization;

namespace Depth;

/// <summary>How a trace draws its data.</summary>
public enum TraceKind
{
    /// <summary>A line through (x, y), optionally with markers.</summary>
    Line,
    /// <summary>Vertical bars: y at each x (or at each x label).</summary>
    Column,
    /// <summary>A histogram of the x values.</summary>
    Histogram,
    /// <summary>A heatmap of z[row][column] at x (columns) and y or y labels (rows).</summary>
    Heatmap,
}

/// <summary>Scale of an axis.</summary>
public enum AxisScale
{
    /// <summary>Left to plotly.js: numbers → linear, names → categories.</summary>
    Auto,
    /// <summary>Linear.</summary>
    Linear,
    /// <summary>Logarithmic.</summary>
    Log,
    /// <summary>Categories in the order given.</summary>
    Category,
}

/// <summary>Line style.</summary>
public enum LineDash
{
    /// <summary>Solid line.</summary>
    Solid,
    /// <summary>Dotted line.</summary>
    Dot,
    /// <summary>Dashed line.</summary>
    Dash,
}

/// <summary>One trace of a <see cref="Figure"/>: its kind, name (plain text), data and
/// style.</summary>
/// <param name="Kind">How the data is drawn.</param>
/// <param name="Name">Legend name, plain text (escaped when rendered).</param>
public sealed record FigureTrace(TraceKind Kind, string Name)
{
    /// <summary>x values (line, numeric columns, histogram samples, heatmap columns).</summary>
    public IReadOnlyList<double>? X { get; init; }
    /// <summary>x categories (columns of named items), instead of <see cref="X"/>.</summary>
    public IReadOnlyList<string>? XLabels { get; init; }
    /// <summary>y values (line, column heights, heatmap rows).</summary>
    public IReadOnlyList<double>? Y { get; init; }
    /// <summary>Row labels of a heatmap, instead of <see cref="Y"/>.</summary>
    public IReadOnlyList<string>? YLabels { get; init; }
    /// <summary>Heatmap values, z[row][column].</summary>
    public IReadOnlyList<IReadOnlyList<double>>? Z { get; init; }
    /// <summary>Markers on a line.</summary>
    public bool Markers { get; init; }
    /// <summary>Line and marker colour ("#636efa", "white"); null = plotly's colour
    /// cycle.</summary>
    public string? Color { get; init; }
    /// <summary>Line style.</summary>
    public LineDash Dash { get; init; }
    /// <summary>Line width in pixels; null = plotly's default.</summary>
    public double? LineWidth { get; init; }
    /// <summary>Histogram: number of bins.</summary>
    public int? Bins { get; init; }
    /// <summary>Opacity 0…1 (overlaid histograms); null = opaque.</summary>
    public double? Opacity { get; init; }
}

/// <summary>Title, axes, size and font of a <see cref="Figure"/> (defaults: <see
/// cref="ChartStyle"/>).</summary>
/// <param name="Title">Chart title, plain text.</param>
public sealed record FigureLayout(string Title)
{
    /// <summary>x-axis title.</summary>
    public string XTitle { get; init; } = "";
    /// <summary>y-axis title.</summary>
    public string YTitle { get; init; } = "";
    /// <summary>x-axis scale.</summary>
    public AxisScale XScale { get; init; }
    /// <summary>y-axis scale.</summary>
    public AxisScale YScale { get; init; }
    /// <summary>Width in pixels.</summary>
    public int Width { get; init; } = ChartStyle.Width;
    /// <summary>Height in pixels.</summary>
    public int Height { get; init; } = ChartStyle.Height;
    /// <summary>Font family.</summary>
    public string FontFamily { get; init; } = ChartStyle.FontFamily;
    /// <summary>Font size in points.</summary>
    public int FontSize { get; init; } = ChartStyle.FontSize;
    /// <summary>plotly's barmode ("overlay" for overlaid histograms); null = plotly's
    /// default.</summary>
    public string? BarMode { get; init; }
    /// <summary>Left margin in pixels (room for row labels); null = plotly's default.</summary>
    public int? MarginLeft { get; init; }
}

/// <summary>
/// A chart of the course: a plain description (traces and layout) that tests can inspect, rendered
/// by Plotly.NET in an isolated load context (see <see cref="IsolatedRenderer"/>). In a notebook it
/// displays as <c>text/html</c> (a div and a script, see <see cref="ToHtml"/>), which front ends
/// show, and as the same plotly.js JSON under <c>application/vnd.depth.figure+json</c>, which no
/// front end renders and the course's site reads (its front-page thumbnails).
/// </summary>
[TypeFormatterSource(typeof(FigureFormatterSource), PreferredMimeTypes = ["text/html", FigureFormatterSource.FigureMimeType])]
public sealed record Figure
{
    /// <summary>A figure of <paramref name="traces"/> (at least one) with <paramref
    /// name="layout"/>.</summary>
    /// <exception cref="ArgumentException">No traces.</exception>
    public Figure(IReadOnlyList<FigureTrace> traces, FigureLayout layout)
    {
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentNullException.ThrowIfNull(layout);
        if (traces.Count == 0)
            throw new ArgumentException("a figure needs at least one trace", nameof(traces));
        Traces = traces;
        Layout = layout;
    }

    /// <summary>The traces, drawn in order.</summary>
    public IReadOnlyList<FigureTrace> Traces { get; }

    /// <summary>Title, axes, size and font.</summary>
    public FigureLayout Layout { get; init; }

    /// <summary>The description as JSON (camelCase, enums as lower-case names, NaN/±∞ as
    /// strings).</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    /// <summary>plotly.js JSON, <c>{"data", "layout", "config"}</c>, made by Plotly.NET.</summary>
    public string ToPlotlyJson() => IsolatedRenderer.Render(ToJson());

    /// <summary>The chart's HTML: a div and a script that draws it with plotly.js (see <see
    /// cref="FigureHtml"/>).</summary>
    public string ToHtml() => FigureHtml.Of(ToPlotlyJson());

    /// <summary>"Figure: title (n traces)".</summary>
    public override string ToString()
        => $"Figure: {Layout.Title} ({Traces.Count} trace{(Traces.Count == 1 ? "" : "s")})";

    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>Formatters (.NET Interactive convention) for <see cref="Figure"/>: text/html, and its plotly.js JSON under
/// <see cref="FigureMimeType"/>. Both come from one rendering of the figure.</summary>
internal sealed class FigureFormatterSource
{
    /// <summary>The course's own MIME type for a figure's plotly.js JSON (<c>{"data", "layout", "config"}</c>). Not
    /// <c>application/vnd.plotly.v1+json</c>: the kernel sends every MIME type but <c>application/json</c> to Jupyter
    /// as a string, and a front end with a Plotly renderer (JupyterLab with jupyterlab-plotly, VS Code) prefers that
    /// type over text/html and expects an object.</summary>
    public const string FigureMimeType = "application/vnd.depth.figure+json";

    // The kernel formats one display's MIME types one after the other on one thread: the first renders the figure
    // and leaves the JSON here, the second takes it.
    [ThreadStatic] private static (Figure Figure, string Json)? rendered;

    private static string PlotlyJson(object o)
    {
        var figure = (Figure)o;
        if (rendered is { } r && ReferenceEquals(r.Figure, figure))
        {
            rendered = null;
            return r.Json;
        }
        var json = figure.ToPlotlyJson();
        rendered = (figure, json);
        return json;
    }

    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new ConventionFormatter(typeof(Figure), "text/html", (o, w) => w.Write(FigureHtml.Of(PlotlyJson(o))));
        yield return new ConventionFormatter(typeof(Figure), FigureMimeType, (o, w) => w.Write(PlotlyJson(o)));
    }
}
