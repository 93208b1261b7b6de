using Depth;

namespace Depth.Tests;

public class ChartsTests
{
    private static History FakeHistory(double scale, string name = "a") => new()
    {
        Name = name,
        Epochs = [.. Enumerable.Range(1, 5).Select(e => new EpochRecord(e, e * 10, scale / e, 1 - 0.5 / e, scale / e + 0.1, 0.9 - 0.5 / e, e))],
        Steps = [.. Enumerable.Range(1, 50).Select(s => new StepRecord(s, (s - 1) / 10 + 1, scale / s, 1e-3, 1))],
    };

    [Fact]
    public void LearningCurvesNameEveryRunAndUseALogAxisForLosses()
    {
        var figure = Charts.LearningCurves([FakeHistory(1, "depth 2"), FakeHistory(2, "depth <20>")], Metric.TrainLoss);
        Assert.Equal(["depth 2", "depth <20>"], figure.Traces.Select(t => t.Name));
        Assert.All(figure.Traces, t => Assert.Equal(TraceKind.Line, t.Kind));
        Assert.All(figure.Traces, t => Assert.True(t.Markers));
        Assert.Equal([1.0, 0.5, 1 / 3.0, 0.25, 0.2], figure.Traces[0].Y!);
        Assert.Equal((AxisScale.Auto, AxisScale.Log), (figure.Layout.XScale, figure.Layout.YScale));
        Assert.Equal(("epoch", "train loss"), (figure.Layout.XTitle, figure.Layout.YTitle));
        var html = figure.ToHtml();
        Assert.Contains("depth 2", html);
        Assert.Contains("depth &lt;20&gt;", html);   // escaped: labels go into the chart's script
        Assert.DoesNotContain("<20>", html);
        Assert.Contains("\"type\":\"log\"", html);
        Assert.Contains("\"width\":760", html);
        var accuracy = Charts.LearningCurves([FakeHistory(1)], Metric.TestAccuracy);
        Assert.Equal(AxisScale.Auto, accuracy.Layout.YScale);
        Assert.Equal("test accuracy by epoch", accuracy.Layout.Title);
        Assert.DoesNotContain("\"type\":\"log\"", accuracy.ToHtml());
        var steps = Charts.LearningCurves([FakeHistory(1)], Metric.StepLoss);
        Assert.Equal(50, steps.Traces[0].X!.Count);
        Assert.False(steps.Traces[0].Markers);
    }

    [Fact]
    public void PerLayerHeatmapHistogramPhaseDiagramAndLinesBuild()
    {
        double[] norms = [1, 0.1, 0.01, 0.001];
        var perLayer = Charts.PerLayer("gradient norm", norms, logY: true, name: "grad");
        Assert.Equal(TraceKind.Column, perLayer.Traces.Single().Kind);
        Assert.Equal([1.0, 2, 3, 4], perLayer.Traces[0].X!);
        Assert.Equal(AxisScale.Log, perLayer.Layout.YScale);
        var perLayerHtml = perLayer.ToHtml();
        Assert.Contains("\"type\":\"bar\"", perLayerHtml);
        Assert.Contains("\"type\":\"log\"", perLayerHtml);
        var multi = Charts.PerLayer("norms", [("tanh", norms), ("relu", (IReadOnlyList<double>)[1.0, 1, 1, 1])]);
        Assert.Equal(["tanh", "relu"], multi.Traces.Select(t => t.Name));
        Assert.All(multi.Traces, t => Assert.True(t.Kind == TraceKind.Line && t.Markers));
        var z = new[] { new double[] { 1, 2 }, new double[] { 3, 4 } };
        var heat = Charts.Heatmap("h", z, [0.5, 1.5], [1, 2], "σ_w²", "σ_b²");
        Assert.Equal(TraceKind.Heatmap, heat.Traces.Single().Kind);
        Assert.Equal([3.0, 4], heat.Traces[0].Z![1]);
        Assert.Contains("\"type\":\"heatmap\"", heat.ToHtml());
        var hist = Charts.Histogram("weights", [("init", (IReadOnlyList<double>)[0.1, 0.2, 0.2]), ("trained", (IReadOnlyList<double>)[0.3, 0.4])], bins: 10);
        Assert.All(hist.Traces, t => Assert.Equal((TraceKind.Histogram, 10), (t.Kind, t.Bins)));
        Assert.Equal("overlay", hist.Layout.BarMode);
        var histHtml = hist.ToHtml();
        Assert.Contains("\"type\":\"histogram\"", histHtml);
        Assert.Contains("\"barmode\":\"overlay\"", histHtml);
        var phase = Charts.PhaseDiagram("phase", [1.0, 2.0], [0.0, 0.1], z, ("χ₁ = 1", [1.0, 2.0], [0.0, 0.1]), logY: true);
        Assert.Equal([TraceKind.Heatmap, TraceKind.Line], phase.Traces.Select(t => t.Kind));
        Assert.Equal(("white", 3.0), (phase.Traces[1].Color, phase.Traces[1].LineWidth));
        var phaseHtml = phase.ToHtml();
        Assert.Contains("\"type\":\"heatmap\"", phaseHtml);
        Assert.Contains("χ₁ = 1", phaseHtml);
        Assert.Contains("\"type\":\"log\"", phaseHtml);
        var lines = Charts.Lines("q", [("q_l", [0.0, 1, 2], [1.0, 0.8, 0.7])], "layer", "q", logX: true);
        Assert.Equal((AxisScale.Log, AxisScale.Auto), (lines.Layout.XScale, lines.Layout.YScale));
        Assert.Contains("q_l", lines.ToHtml());
    }

    [Fact]
    public void ColumnsOfNamedItemsUseACategoryAxisInTheGivenOrder()
    {
        var figure = Charts.Columns("parameters", ["ResNet-50", "dense → 2,048"], [25_557_032, 308_283_392],
            yTitle: "parameters", logY: true, name: "count");
        var trace = figure.Traces.Single();
        Assert.Equal((TraceKind.Column, "count"), (trace.Kind, trace.Name));
        Assert.Equal(["ResNet-50", "dense → 2,048"], trace.XLabels!);
        Assert.Equal((AxisScale.Category, AxisScale.Log), (figure.Layout.XScale, figure.Layout.YScale));
        var html = figure.ToHtml();
        Assert.Contains("\"type\":\"category\"", html);
        Assert.Contains("\"type\":\"bar\"", html);
        Assert.Contains("ResNet-50", html);
        var ex = Assert.Throws<ArgumentException>(() => Charts.Columns("t", ["a", "b"], [1.0]));
        Assert.Contains("2 names for 1 values", ex.Message);
    }

    private static int CountOf(string text, string part) => text.Split(part, StringSplitOptions.None).Length - 1;

    [Fact]
    public void TheoryVsMeasuredPairsEachCaseInOneColour()
    {
        double[] x = [0, 1, 2];
        var figure = Charts.TheoryVsMeasured("c",
            [("case A", x, [0.5, 0.6, 0.7], [0.5, 0.62, 0.69]), ("case B", x, [0.5, 0.5, 0.5], [0.5, 0.49, 0.51])],
            "layer", "c", theoryLabel: "mean field", measuredLabel: "sampled");
        Assert.Equal(["case A: mean field", "case A: sampled", "case B: mean field", "case B: sampled"],
            figure.Traces.Select(t => t.Name));
        Assert.Equal(figure.Traces[0].Color, figure.Traces[1].Color);
        Assert.NotEqual(figure.Traces[0].Color, figure.Traces[2].Color);
        Assert.Equal([LineDash.Solid, LineDash.Dot], figure.Traces.Take(2).Select(t => t.Dash));
        var html = figure.ToHtml();
        Assert.Equal(3, CountOf(html, "rgba(99, 110, 250, 1.0)"));   // case A: theory line, measured line and markers
        Assert.Equal(3, CountOf(html, "rgba(239, 85, 59, 1.0)"));    // case B: the next colour
        Assert.Contains("\"dash\":\"dot\"", html);
        var ex = Assert.Throws<ArgumentException>(() => Charts.TheoryVsMeasured("c", [("bad", x, [1.0], [1.0, 2, 3])]));
        Assert.Contains("case 'bad'", ex.Message);
    }

    [Fact]
    public void NonFiniteValuesRenderLikeAnyOther()
    {
        // Lessons plot diverged runs (NaN) and log₁₀ 0 (−∞); the figure's JSON must carry them to the renderer.
        var figure = Charts.Lines("diverged", [("run", [1.0, 2, 3], [0.5, double.NaN, double.NegativeInfinity])]);
        Assert.Contains("\"NaN\"", figure.ToJson());
        Assert.Contains("Plotly.newPlot", figure.ToHtml());
    }
}
