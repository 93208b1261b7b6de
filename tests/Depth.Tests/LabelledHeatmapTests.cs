using Depth;

namespace Depth.Tests;

public class LabelledHeatmapTests
{
    [Fact]
    public void RowsCarryTheirEscapedLabelsFirstRowOnTop()
    {
        IReadOnlyList<double>[] z = [[1, 2, 3], [4, 5, 6]];
        var figure = LabelledHeatmap.Of("grid", z, ["tanh - Xavier", "relu <He>"], xTitle: "layer");
        var trace = figure.Traces.Single();
        // Reversed for Plotly (row 0 at the bottom): the last label and row come first in the trace.
        Assert.Equal(["relu <He>", "tanh - Xavier"], trace.YLabels!);
        Assert.Equal([4.0, 5, 6], trace.Z![0]);
        Assert.Equal([1.0, 2, 3], trace.X!);
        Assert.Equal(AxisScale.Category, figure.Layout.YScale);
        Assert.Equal(40 + 7 * "tanh - Xavier".Length, figure.Layout.MarginLeft);
        var html = figure.ToHtml();
        Assert.Contains("\"type\":\"heatmap\"", html);
        Assert.Contains("\"type\":\"category\"", html);
        Assert.Contains("tanh - Xavier", html);
        Assert.Contains("relu &lt;He&gt;", html);
        Assert.DoesNotContain("<He>", html);
        Assert.True(html.IndexOf("relu &lt;He&gt;", StringComparison.Ordinal) < html.IndexOf("tanh - Xavier", StringComparison.Ordinal));
        Assert.Contains("[4.0,5.0,6.0]", html.Replace(" ", ""));
    }

    [Fact]
    public void MismatchedShapesAreRejectedWithTheirSizes()
    {
        IReadOnlyList<double>[] z = [[1, 2], [3]];
        var ragged = Assert.Throws<ArgumentException>(() => LabelledHeatmap.Of("t", z, ["a", "b"]));
        Assert.Contains("row 1 ('b') has 1 values", ragged.Message);
        var labels = Assert.Throws<ArgumentException>(() => LabelledHeatmap.Of("t", [[1.0]], ["a", "b"]));
        Assert.Contains("2 row labels for 1 rows", labels.Message);
        Assert.Throws<ArgumentException>(() => LabelledHeatmap.Of("t", [[1.0, 2.0]], ["a"], x: [1.0]));
    }
}
