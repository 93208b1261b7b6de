using Depth.Charts;
using Depth.Training;
using Plotly.NET;

namespace Depth.Tests;

public class ChartsTests
{
    private static History FakeHistory(double scale) => new()
    {
        Epochs = [.. Enumerable.Range(1, 5).Select(e => new EpochRecord(e, e * 10, scale / e, 1 - 0.5 / e, scale / e + 0.1, 0.9 - 0.5 / e, e))],
        Steps = [.. Enumerable.Range(1, 50).Select(s => new StepRecord(s, (s - 1) / 10 + 1, scale / s, 1e-3, 1))],
    };

    [Fact]
    public void LearningCurvesNameEveryRunAndUseALogAxisForLosses()
    {
        var html = ChartStyle.ToHtml(Charts.Charts.LearningCurves([("depth 2", FakeHistory(1)), ("depth <20>", FakeHistory(2))], Metric.TrainLoss));
        Assert.Contains("depth 2", html);
        Assert.Contains("depth &lt;20&gt;", html);   // escaped: Plotly.NET puts names into the script verbatim
        Assert.DoesNotContain("<20>", html);
        Assert.Contains("\"type\":\"log\"", html);
        Assert.Contains("\"width\":760", html);
        Assert.Contains("Plotly.newPlot", html);
        Assert.DoesNotContain("cdn.plot.ly", html);
        Assert.DoesNotContain("<script src=", html);
        var acc = ChartStyle.ToHtml(Charts.Charts.LearningCurves(Metric.TestAccuracy, ("a", FakeHistory(1))));
        Assert.DoesNotContain("\"type\":\"log\"", acc);
        Assert.Contains("test accuracy", acc);
    }

    [Fact]
    public void PerLayerHeatmapHistogramPhaseDiagramAndLinesBuild()
    {
        double[] norms = [1, 0.1, 0.01, 0.001];
        var perLayer = ChartStyle.ToHtml(Charts.Charts.PerLayer("gradient norm", norms, logY: true, name: "grad"));
        Assert.Contains("\"type\":\"bar\"", perLayer);
        Assert.Contains("\"type\":\"log\"", perLayer);
        var multi = ChartStyle.ToHtml(Charts.Charts.PerLayer("norms", [("tanh", norms), ("relu", (IReadOnlyList<double>)[1.0, 1, 1, 1])]));
        Assert.Contains("tanh", multi);
        Assert.Contains("relu", multi);
        var z = new[] { new double[] { 1, 2 }, new double[] { 3, 4 } };
        var heat = ChartStyle.ToHtml(Charts.Charts.Heatmap("h", z, [0.5, 1.5], [1, 2], "σ_w²", "σ_b²"));
        Assert.Contains("\"type\":\"heatmap\"", heat);
        var hist = ChartStyle.ToHtml(Charts.Charts.Histogram("weights", [("init", (IReadOnlyList<double>)[0.1, 0.2, 0.2]), ("trained", (IReadOnlyList<double>)[0.3, 0.4])], bins: 10));
        Assert.Contains("\"type\":\"histogram\"", hist);
        Assert.Contains("\"barmode\":\"overlay\"", hist);
        var phase = ChartStyle.ToHtml(Charts.Charts.PhaseDiagram("phase", [1.0, 2.0], [0.0, 0.1], z, ("χ₁ = 1", [1.0, 2.0], [0.0, 0.1]), logY: true));
        Assert.Contains("\"type\":\"heatmap\"", phase);
        Assert.Contains("χ₁ = 1", phase);
        Assert.Contains("\"type\":\"log\"", phase);
        var lines = ChartStyle.ToHtml(Charts.Charts.Lines("q", [("q_l", [0.0, 1, 2], [1.0, 0.8, 0.7])], "layer", "q", logX: true));
        Assert.Contains("q_l", lines);
    }

    private static int CountOf(string text, string part) => text.Split(part, StringSplitOptions.None).Length - 1;

    [Fact]
    public void TheoryVsMeasuredPairsEachCaseInOneColour()
    {
        double[] x = [0, 1, 2];
        var html = ChartStyle.ToHtml(Charts.Charts.TheoryVsMeasured("c",
            [("case A", x, [0.5, 0.6, 0.7], [0.5, 0.62, 0.69]), ("case B", x, [0.5, 0.5, 0.5], [0.5, 0.49, 0.51])],
            "layer", "c", theoryLabel: "mean field", measuredLabel: "sampled"));
        Assert.Contains("case A: mean field", html);
        Assert.Contains("case B: sampled", html);
        Assert.Equal(3, CountOf(html, "rgba(99, 110, 250, 1.0)"));   // case A: theory line, measured line and markers
        Assert.Equal(3, CountOf(html, "rgba(239, 85, 59, 1.0)"));    // case B: the next colour
        Assert.Contains("\"dash\":\"dot\"", html);
        var ex = Assert.Throws<ArgumentException>(() => Charts.Charts.TheoryVsMeasured("c", [("bad", x, [1.0], [1.0, 2, 3])]));
        Assert.Contains("case 'bad'", ex.Message);
    }
}
