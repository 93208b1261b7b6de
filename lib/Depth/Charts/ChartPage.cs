namespace Depth;

/// <summary>
/// A figure as a self-contained HTML page: plotly.js (read from Plotly.NET, see
/// <see cref="IsolatedRenderer.PlotlyScript"/>) inline in the head, then the figure's own HTML
/// (<see cref="Figure.ToHtml"/>), which draws with the page's <c>window.Plotly</c>. It opens offline.
/// </summary>
public static class ChartPage
{
    /// <summary>The page for <paramref name="figure"/>, titled with its title.</summary>
    public static string Of(Figure figure)
    {
        ArgumentNullException.ThrowIfNull(figure);
        // "</script" inside the inline script would end it early; "<\/script" means the same to JavaScript.
        var plotly = IsolatedRenderer.PlotlyScript().Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>{Html.Escape(figure.Layout.Title)}</title>
            <script type="text/javascript">{plotly}</script>
            </head>
            <body>
            {figure.ToHtml()}
            </body>
            </html>

            """;
    }
}
