using Depth;

namespace Depth.Tests;

public class ChartsFigureHtmlTests
{
    private static Figure Named(string name) => Charts.Lines("t", [(name, [1.0, 2], [3.0, 4])]);

    [Fact]
    public void HtmlIsADivAndAScriptThatDrawsIntoIt()
    {
        var html = Named("a").ToHtml();
        var id = html.Split('"')[1];
        Assert.StartsWith("<div id=\"depth-figure-", html);
        Assert.Contains($"var id = '{id}';", html);
        Assert.Contains("Plotly.newPlot(id, figure.data, figure.layout, figure.config)", html);
        Assert.Equal(1, html.Split("<script").Length - 1);
        Assert.DoesNotContain("<script src", html);
        Assert.NotEqual(id, Named("a").ToHtml().Split('"')[1]);   // two charts on one page never share a div
    }

    [Fact]
    public void PlotlyJsComesFromThePageRequireJsOrOneScriptTagWithDefineHidden()
    {
        var html = Named("a").ToHtml();
        int global = html.IndexOf("if (w.Plotly && typeof w.Plotly.newPlot === 'function')", StringComparison.Ordinal);
        int require = html.IndexOf("w.requirejs.config({ context: 'depth-plotly'", StringComparison.Ordinal);
        int tag = html.IndexOf("w.define = undefined;", StringComparison.Ordinal);
        Assert.True(global > 0 && global < require && require < tag, $"order: global {global}, require {require}, tag {tag}");
        Assert.Contains(FigureHtml.PlotlyCdn, html);
        Assert.EndsWith(".min.js", FigureHtml.PlotlyCdn);
        Assert.Contains("plotly-2.28.0", FigureHtml.PlotlyCdn);   // the plotly.js that Plotly.NET 6 writes JSON for
    }

    [Fact]
    public void NoLabelCanEndTheScript()
    {
        var html = Named("</script><b>x</b>").ToHtml();
        Assert.Equal(1, html.Split("</script>").Length - 1);
        Assert.Contains("&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;", html);
        // Even unescaped JSON from elsewhere cannot close the script.
        Assert.DoesNotContain("</b>", FigureHtml.Of("{\"data\":[{\"name\":\"</b></script>\"}]}"));
    }

    [Fact]
    public void TheKernelFormatsAFigureAsHtml()
    {
        var figure = Named("a");
        var html = NotebookTests.Format(figure, "text/html");
        Assert.NotNull(html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.Null(NotebookTests.Format(figure, "text/plain"));
        Assert.Equal("Figure: t (1 trace)", figure.ToString());
    }

    [Fact]
    public void TheKernelAlsoGetsTheFigureAsDataFromTheSameRendering()
    {
        var figure = Named("a");
        Assert.Equal(["text/html", "application/vnd.depth.figure+json"], NotebookTests.PreferredMimeTypes(figure));
        var html = NotebookTests.Format(figure, "text/html")!;
        var json = NotebookTests.Format(figure, "application/vnd.depth.figure+json")!;
        var data = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.Equal("a", (string?)data["data"]![0]!["name"]);
        Assert.Contains("var figure = " + json.Replace("<", "\\u003c", StringComparison.Ordinal) + ";", html);
    }
}
