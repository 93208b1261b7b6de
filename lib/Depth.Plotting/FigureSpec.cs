using System.Text.Json;
using System.Text.Json.Serialization;

namespace Depth.Plotting;

// The wire form of Depth.Figure (Depth serialises it with the same options). Kept as a copy
// rather than a shared contract: nothing but a JSON string crosses the load-context boundary.

/// <summary>One trace: kind "line" | "column" | "histogram" | "heatmap" and its data and
/// style.</summary>
internal sealed record TraceSpec(
    string Kind, string Name, double[]? X, string[]? XLabels, double[]? Y, string[]? YLabels,
    double[][]? Z, bool Markers, string? Color, string Dash, double? LineWidth, int? Bins,
    double? Opacity);

/// <summary>Title, axis titles, axis scales ("auto" | "log" | "category"), size and font.</summary>
internal sealed record LayoutSpec(
    string Title, string XTitle, string YTitle, string XScale, string YScale, int Width, int Height,
    string FontFamily, int FontSize, string? BarMode, int? MarginLeft);

/// <summary>A whole figure.</summary>
internal sealed record FigureSpec(TraceSpec[] Traces, LayoutSpec Layout)
{
    /// <summary>camelCase names, enums as strings, NaN and ±∞ allowed (lessons plot diverged
    /// runs).</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>Reads <paramref name="json"/>; one-line error for anything that is not a
    /// figure.</summary>
    public static FigureSpec Parse(string json)
    {
        var spec = JsonSerializer.Deserialize<FigureSpec>(json, Json);
        if (spec?.Traces is null || spec.Layout is null)
            throw new ArgumentException(
                "not a figure: expected {\"traces\": [...], \"layout\": {...}}");
        return spec;
    }
}
