namespace Depth;

/// <summary>
/// The HTML of a figure: a div and a script that draws it with plotly.js 2.28.0 (the version
/// Plotly.NET 6
/// embeds). The script finds plotly.js wherever the page has it:
/// <list type="number">
/// <item>a global <c>window.Plotly</c> (the course's offline site loads <c>assets/plotly.min.js</c>
/// in its head);</item>
/// <item>else, with require.js on the page (Jupyter, some VS Code set-ups), plotly from the CDN as
/// an AMD module
/// in a require context of its own, as Plotly.NET.Interactive does;</item>
/// <item>else one &lt;script&gt; tag for the CDN copy, shared by every chart of the page, with
/// <c>define</c>
/// hidden while it loads: plotly.min.js is a UMD bundle and would otherwise register itself as an
/// anonymous AMD module (an error) instead of setting <c>window.Plotly</c>.</item>
/// </list>
/// Without network and without a page-wide plotly.js the div shows a one-line message instead of a
/// chart.
/// </summary>
public static class FigureHtml
{
    /// <summary>Where plotly.js comes from when the page does not have it.</summary>
    public const string PlotlyCdn = "https://cdn.plot.ly/plotly-2.28.0.min.js";

    /// <summary>HTML for plotly.js JSON <c>{"data", "layout", "config"}</c> (e.g. <see
    /// cref="Figure.ToPlotlyJson"/>).
    /// Every '&lt;' in the JSON is written as \u003c, so nothing in it can end the
    /// script.</summary>
    public static string Of(string plotlyJson)
    {
        ArgumentNullException.ThrowIfNull(plotlyJson);
        var id = "depth-figure-" + Guid.NewGuid().ToString("N");
        var figure = plotlyJson.Replace("<", "\\u003c", StringComparison.Ordinal);
        return $$"""
            <div id="{{id}}" class="depth-figure"></div>
            <script type="text/javascript">
            (function () {
            var figure = {{figure}};
            var id = '{{id}}';
            function draw(Plotly) { Plotly.newPlot(id, figure.data, figure.layout, figure.config); }
            {{Loader}}
            })();
            </script>
            """;
    }

    // Calls draw(Plotly) once plotly.js is there, or fail(message).
    private const string Loader = $$"""
        function fail(message) {
          var div = document.getElementById(id);
          if (div) div.textContent = 'Chart not shown: ' + message;
        }
        var w = window, src = '{{PlotlyCdn}}';
        if (w.Plotly && typeof w.Plotly.newPlot === 'function') { draw(w.Plotly); return; }
        if (typeof w.requirejs === 'function' && typeof w.requirejs.config === 'function') {
          var paths = { plotly: src.slice(0, -3) };
          var req = w.requirejs.config({ context: 'depth-plotly', paths: paths });
          req(['plotly'], draw, function () { fail('plotly.js could not be loaded from ' + src); });
          return;
        }
        if (w.depthPlotlyWaiting) { w.depthPlotlyWaiting.push([draw, fail]); return; }
        var waiting = w.depthPlotlyWaiting = [[draw, fail]];
        var define = w.define, script = document.createElement('script');
        function done() {
          w.define = define;
          w.depthPlotlyWaiting = null;
          waiting.forEach(function (f) {
            if (w.Plotly) f[0](w.Plotly); else f[1]('plotly.js could not be loaded from ' + src);
          });
        }
        script.src = src;
        script.onload = done;
        script.onerror = done;
        w.define = undefined;
        document.head.appendChild(script);
        """;
}
