using Depth.Training;
using Plotly.NET;
using CS = Plotly.NET.CSharp;

namespace Depth.Charts;

/// <summary>Which number of a <see cref="History"/> to plot.</summary>
public enum Metric
{
    /// <summary>Mean training loss per epoch.</summary>
    TrainLoss,
    /// <summary>Test loss per epoch.</summary>
    TestLoss,
    /// <summary>Mean training accuracy per epoch.</summary>
    TrainAccuracy,
    /// <summary>Test accuracy per epoch.</summary>
    TestAccuracy,
    /// <summary>Mini-batch loss at every step.</summary>
    StepLoss,
}

/// <summary>The course's charts (Plotly.NET), all with the look of <see cref="ChartStyle"/>. Every function returns a
/// <see cref="GenericChart"/> that displays in the kernel and in our engine.</summary>
public static class Charts
{
    /// <summary>Learning curves of several runs for one <paramref name="metric"/> (x = epoch, or step for
    /// <see cref="Metric.StepLoss"/>); losses on a log axis unless <paramref name="logY"/> says otherwise.</summary>
    public static GenericChart LearningCurves(IEnumerable<(string Name, History History)> runs, Metric metric = Metric.TestAccuracy, bool? logY = null, string? title = null)
    {
        bool isLoss = metric is Metric.TrainLoss or Metric.TestLoss or Metric.StepLoss;
        var traces = runs.Select(r =>
        {
            var (x, y) = Series(r.History, metric);
            return CS.Chart.Line<double, double, string>(x: x, y: y, Name: ChartStyle.Text(r.Name), ShowMarkers: metric != Metric.StepLoss);
        }).ToArray();
        if (traces.Length == 0) throw new ArgumentException("no runs to plot", nameof(runs));
        return ChartStyle.Apply(CS.Chart.Combine(traces), title ?? $"{Label(metric)} by {(metric == Metric.StepLoss ? "step" : "epoch")}",
            metric == Metric.StepLoss ? "step" : "epoch", Label(metric), logY: logY ?? isLoss);
    }

    /// <summary>Learning curves of several runs for one metric.</summary>
    public static GenericChart LearningCurves(Metric metric, params (string Name, History History)[] runs) => LearningCurves(runs, metric);

    /// <summary>The x (epoch or step) and y values of <paramref name="metric"/> in <paramref name="history"/>.</summary>
    public static (double[] X, double[] Y) Series(History history, Metric metric) => metric switch
    {
        Metric.StepLoss => (history.Steps.Select(s => (double)s.Step).ToArray(), history.Steps.Select(s => s.Loss).ToArray()),
        _ => (history.Epochs.Select(e => (double)e.Epoch).ToArray(), history.Epochs.Select(e => metric switch
        {
            Metric.TrainLoss => e.TrainLoss,
            Metric.TestLoss => e.TestLoss,
            Metric.TrainAccuracy => e.TrainAccuracy,
            _ => e.TestAccuracy,
        }).ToArray()),
    };

    /// <summary>One value per layer as columns (x = layer 1..L), e.g. gradient norms; log y-axis optional.</summary>
    public static GenericChart PerLayer(string title, IReadOnlyList<double> values, bool logY = false, string yTitle = "", string name = "")
        => ChartStyle.Apply(CS.Chart.Column<double, int, string>(values: values, Keys: Enumerable.Range(1, values.Count).ToArray(), Name: ChartStyle.Text(name)),
            title, "layer", yTitle, logY: logY);

    /// <summary>Several per-layer series as lines with markers (x = layer 1..L).</summary>
    public static GenericChart PerLayer(string title, IEnumerable<(string Name, IReadOnlyList<double> Values)> series, bool logY = false, string yTitle = "")
        => Lines(title, series.Select(s => (s.Name, (IReadOnlyList<double>)Enumerable.Range(1, s.Values.Count).Select(i => (double)i).ToArray(), s.Values)),
            "layer", yTitle, logY: logY, markers: true);

    /// <summary>Generic line chart of named (x, y) series.</summary>
    public static GenericChart Lines(string title, IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series,
        string xTitle = "", string yTitle = "", bool logX = false, bool logY = false, bool markers = false)
    {
        var traces = series.Select(s => CS.Chart.Line<double, double, string>(x: s.X, y: s.Y, Name: ChartStyle.Text(s.Name), ShowMarkers: markers)).ToArray();
        if (traces.Length == 0) throw new ArgumentException("no series to plot", nameof(series));
        return ChartStyle.Apply(CS.Chart.Combine(traces), title, xTitle, yTitle, logX, logY);
    }

    /// <summary>
    /// Theory next to measurement: for each named case, the prediction as a solid line and the measurement as markers
    /// of the same colour (a dotted line through them), so each pair reads as one case at a glance — e.g. the
    /// mean-field correlation map against sampled networks.
    /// </summary>
    /// <exception cref="ArgumentException">No cases, or a case whose arrays differ in length.</exception>
    public static GenericChart TheoryVsMeasured(string title,
        IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Theory, IReadOnlyList<double> Measured)> cases,
        string xTitle = "", string yTitle = "", string theoryLabel = "theory", string measuredLabel = "measured", bool logX = false, bool logY = false)
    {
        var traces = new List<GenericChart>();
        int k = 0;
        foreach (var (name, x, theory, measured) in cases)
        {
            if (theory.Count != x.Count || measured.Count != x.Count)
                throw new ArgumentException($"case '{name}': {x.Count} x values, {theory.Count} theory values, {measured.Count} measured values");
            var colour = Color.fromHex(Palette[k++ % Palette.Length]);
            traces.Add(CS.Chart.Line<double, double, string>(x: x, y: theory, Name: ChartStyle.Text($"{name}: {theoryLabel}"), LineColor: colour, LineWidth: 2));
            traces.Add(CS.Chart.Line<double, double, string>(x: x, y: measured, Name: ChartStyle.Text($"{name}: {measuredLabel}"), ShowMarkers: true,
                LineColor: colour, MarkerColor: colour, LineDash: StyleParam.DrawingStyle.Dot, LineWidth: 1));
        }
        if (traces.Count == 0) throw new ArgumentException("no cases to plot", nameof(cases));
        return ChartStyle.Apply(CS.Chart.Combine(traces), title, xTitle, yTitle, logX, logY);
    }

    // Plotly's default colour cycle, so pairs keep the colours a plain line chart would give them.
    private static readonly string[] Palette = ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52"];

    /// <summary>Heatmap of z[row][column] with optional axis values (x = columns, y = rows).</summary>
    public static GenericChart Heatmap(string title, IReadOnlyList<IReadOnlyList<double>> z, IReadOnlyList<double>? x = null, IReadOnlyList<double>? y = null,
        string xTitle = "", string yTitle = "", string name = "", bool logX = false, bool logY = false)
        => ChartStyle.Apply(HeatmapTrace(z, x, y, name), title, xTitle, yTitle, logX, logY);

    /// <summary>Histogram of several named sets of values, overlaid.</summary>
    public static GenericChart Histogram(string title, IEnumerable<(string Name, IReadOnlyList<double> Values)> sets, int bins = 50, string xTitle = "", bool logY = false)
    {
        var traces = sets.Select(s => CS.Chart.Histogram<double, double, string>(X: s.Values.ToArray(), Name: ChartStyle.Text(s.Name), NBinsX: bins, Opacity: 0.6)).ToArray();
        if (traces.Length == 0) throw new ArgumentException("no data to plot", nameof(sets));
        var chart = ChartStyle.Apply(CS.Chart.Combine(traces), title, xTitle, "count", logY: logY);
        var layout = new Layout();
        layout.SetProperty("barmode", "overlay");
        return Chart.withLayout(layout).Invoke(chart);
    }

    /// <summary>Histogram of one set of values.</summary>
    public static GenericChart Histogram(string title, IReadOnlyList<double> values, int bins = 50, string xTitle = "", string name = "")
        => Histogram(title, [(name, values)], bins, xTitle);

    /// <summary>Phase diagram: a heatmap of z over the (x, y) grid (z[i][j] at y[i], x[j]) with an optional curve on top,
    /// e.g. the order-to-chaos line χ₁ = 1 over (σ_w², σ_b²).</summary>
    public static GenericChart PhaseDiagram(string title, IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<IReadOnlyList<double>> z,
        (string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)? overlay = null, string xTitle = "", string yTitle = "", string zName = "", bool logY = false)
    {
        var layers = new List<GenericChart> { HeatmapTrace(z, x, y, zName) };
        if (overlay is { } o)
            layers.Add(CS.Chart.Line<double, double, string>(x: o.X, y: o.Y, Name: ChartStyle.Text(o.Name), LineColor: Color.fromString("white"), LineWidth: 3));
        return ChartStyle.Apply(CS.Chart.Combine(layers), title, xTitle, yTitle, logY: logY);
    }

    private static GenericChart HeatmapTrace(IReadOnlyList<IReadOnlyList<double>> z, IReadOnlyList<double>? x, IReadOnlyList<double>? y, string name)
    {
        var zs = z.Select(r => (IEnumerable<double>)r.ToArray()).ToArray();
        return (x, y) switch
        {
            (null, null) => CS.Chart.Heatmap<double, double, double, string>(zData: zs, Name: ChartStyle.Text(name)),
            (not null, null) => CS.Chart.Heatmap<double, double, double, string>(zData: zs, X: x.ToArray(), Name: ChartStyle.Text(name)),
            (null, not null) => CS.Chart.Heatmap<double, double, double, string>(zData: zs, Y: y.ToArray(), Name: ChartStyle.Text(name)),
            _ => CS.Chart.Heatmap<double, double, double, string>(zData: zs, X: x!.ToArray(), Y: y!.ToArray(), Name: ChartStyle.Text(name)),
        };
    }

    private static string Label(Metric m) => m switch
    {
        Metric.TrainLoss => "train loss",
        Metric.TestLoss => "test loss",
        Metric.TrainAccuracy => "train accuracy",
        Metric.TestAccuracy => "test accuracy",
        _ => "mini-batch loss",
    };
}
