
namespace Depth;

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
    /// <summary>Mean training error per epoch, 1 − training accuracy (He et al. 2016's degradation
    /// plots).</summary>
    TrainError,
}

/// <summary>The course's charts, all with the look of <see cref="ChartStyle"/>. Every function returns a
/// <see cref="Figure"/>: a plain description that displays as a Plotly chart in the kernel and on the site.</summary>
public static partial class Charts
{
    /// <summary>
    /// Learning curves: one line per run (named by <see cref="History.Name"/>) for one <paramref
    /// name="metric"/>. The x axis is the epoch, or the step for <see cref="Metric.StepLoss"/> and for
    /// runs evaluated every few steps (<see cref="History.Evaluations"/>: test accuracy at every
    /// evaluation, step 0 included; train loss as the mean since the previous one). Losses on a log
    /// axis unless <paramref name="logY"/> says otherwise; <paramref name="smooth"/> &gt; 1 draws step
    /// losses as a moving average over that many steps, so that mini-batch noise does not hide the
    /// trend.
    /// </summary>
    /// <exception cref="ArgumentException">No runs.</exception>
    public static Figure LearningCurves(IEnumerable<History> runs, Metric metric = Metric.TestAccuracy,
        string? title = null, bool? logY = null, int smooth = 1)
    {
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentOutOfRangeException.ThrowIfLessThan(smooth, 1);
        var list = runs.ToList();
        if (list.Count == 0) throw new ArgumentException("no runs to plot", nameof(runs));
        bool isLoss = metric is Metric.TrainLoss or Metric.TestLoss or Metric.StepLoss;
        bool bySteps = metric == Metric.StepLoss || list.All(h => h.Epochs.Count == 0);
        var traces = list.Select(h =>
        {
            var (x, y) = Series(h, metric);
            return Line(h.Name, x, smooth > 1 ? MovingAverage(y, smooth) : y,
                markers: metric != Metric.StepLoss);
        }).ToArray();
        string by = bySteps ? "step" : "epoch";
        string label = smooth > 1 ? $"{Label(metric)} (moving average of {smooth} steps)" : Label(metric);
        return new Figure(traces, ChartStyle.Layout(title ?? $"{Label(metric)} by {by}", by, label,
            logY: logY ?? isLoss));
    }

    /// <summary>The x (epoch or step) and y values of <paramref name="metric"/> in <paramref
    /// name="history"/>: per step for <see cref="Metric.StepLoss"/>, per epoch when the run has epochs,
    /// else per evaluation (train loss from the first evaluation after step 0).</summary>
    public static (double[] X, double[] Y) Series(History history, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (metric == Metric.StepLoss)
            return (history.Steps.Select(s => (double)s.Step).ToArray(), history.Steps.Select(s => s.Loss).ToArray());
        if (history.Epochs.Count > 0)
        {
            var values = history.Epochs.Select(e => (X: (double)e.Epoch, Y: metric switch
            {
                Metric.TrainLoss => e.TrainLoss,
                Metric.TestLoss => e.TestLoss,
                Metric.TrainAccuracy => e.TrainAccuracy,
                Metric.TrainError => 1 - e.TrainAccuracy,
                _ => e.TestAccuracy,
            })).Where(p => !double.IsNaN(p.Y)).ToArray();        // NaN: an epoch not tested (TestEvery)
            return (values.Select(p => p.X).ToArray(), values.Select(p => p.Y).ToArray());
        }
        var points = history.Evaluations.Where(p => metric != Metric.TrainLoss || p.Step > 0).ToArray();
        return (points.Select(p => (double)p.Step).ToArray(), points.Select(p => metric switch
        {
            Metric.TrainLoss => p.TrainLoss,
            Metric.TestLoss => p.TestLoss,
            Metric.TestAccuracy => p.TestAccuracy,
            _ => throw new ArgumentException($"evaluations during training record train loss, test loss "
                + $"and test accuracy, not {metric}", nameof(metric)),
        }).ToArray());
    }

    // yᵢ = mean(y_max(0, i−k+1) … y_i).
    static double[] MovingAverage(IReadOnlyList<double> y, int k) =>
        y.Select((_, i) => y.Skip(Math.Max(0, i - k + 1)).Take(Math.Min(k, i + 1)).Average()).ToArray();

    /// <summary>One value per layer as columns (x = layer 1..L), e.g. gradient norms; log y-axis optional.</summary>
    public static Figure PerLayer(string title, IReadOnlyList<double> values, bool logY = false, string yTitle = "", string name = "")
    {
        var trace = new FigureTrace(TraceKind.Column, name) { X = Layers(values.Count), Y = values.ToArray() };
        return new([trace], ChartStyle.Layout(title, "layer", yTitle, logY: logY));
    }

    /// <summary>Columns of named items (x = the names, as categories in the given order), e.g. parameter counts
    /// of several models; log y-axis optional.</summary>
    /// <exception cref="ArgumentException">No items, or a different number of names and values.</exception>
    public static Figure Columns(string title, IReadOnlyList<string> names, IReadOnlyList<double> values,
        string yTitle = "", bool logY = false, string name = "", string xTitle = "")
    {
        if (names.Count == 0) throw new ArgumentException("no columns to plot", nameof(names));
        if (names.Count != values.Count)
            throw new ArgumentException($"{names.Count} names for {values.Count} values", nameof(values));
        var trace = new FigureTrace(TraceKind.Column, name)
        {
            XLabels = names.ToArray(), Y = values.ToArray(),
        };
        var layout = ChartStyle.Layout(title, xTitle, yTitle, logY: logY) with { XScale = AxisScale.Category };
        return new([trace], layout);
    }

    /// <summary>Several per-layer series as lines with markers (x = layer 1..L).</summary>
    public static Figure PerLayer(string title, IEnumerable<(string Name, IReadOnlyList<double> Values)> series, bool logY = false, string yTitle = "")
        => Lines(title, series.Select(s => (s.Name, (IReadOnlyList<double>)Layers(s.Values.Count), s.Values)),
            "layer", yTitle, logY: logY, markers: true);

    /// <summary>Generic line chart of named (x, y) series.</summary>
    public static Figure Lines(string title, IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)> series,
        string xTitle = "", string yTitle = "", bool logX = false, bool logY = false, bool markers = false)
    {
        var traces = series.Select(s => Line(s.Name, s.X, s.Y, markers)).ToArray();
        if (traces.Length == 0) throw new ArgumentException("no series to plot", nameof(series));
        return new Figure(traces, ChartStyle.Layout(title, xTitle, yTitle, logX, logY));
    }

    /// <summary>
    /// Theory next to measurement: for each named case, the prediction as a solid line and the measurement as markers
    /// of the same colour (a dotted line through them), so each pair reads as one case at a glance — e.g. the
    /// mean-field correlation map against sampled networks.
    /// </summary>
    /// <exception cref="ArgumentException">No cases, or a case whose arrays differ in length.</exception>
    public static Figure TheoryVsMeasured(string title,
        IEnumerable<(string Name, IReadOnlyList<double> X, IReadOnlyList<double> Theory, IReadOnlyList<double> Measured)> cases,
        string xTitle = "", string yTitle = "", string theoryLabel = "theory", string measuredLabel = "measured", bool logX = false, bool logY = false)
    {
        var traces = new List<FigureTrace>();
        int k = 0;
        foreach (var (name, x, theory, measured) in cases)
        {
            if (theory.Count != x.Count || measured.Count != x.Count)
                throw new ArgumentException($"case '{name}': {x.Count} x values, {theory.Count} theory values, {measured.Count} measured values");
            var colour = Palette[k++ % Palette.Length];
            traces.Add(Line($"{name}: {theoryLabel}", x, theory, markers: false) with { Color = colour, LineWidth = 2 });
            traces.Add(Line($"{name}: {measuredLabel}", x, measured, markers: true) with
            {
                Color = colour, Dash = LineDash.Dot, LineWidth = 1,
            });
        }
        if (traces.Count == 0) throw new ArgumentException("no cases to plot", nameof(cases));
        return new Figure(traces, ChartStyle.Layout(title, xTitle, yTitle, logX, logY));
    }

    // Plotly's default colour cycle, so pairs keep the colours a plain line chart would give them.
    private static readonly string[] Palette = ["#636efa", "#EF553B", "#00cc96", "#ab63fa", "#FFA15A", "#19d3f3", "#FF6692", "#B6E880", "#FF97FF", "#FECB52"];

    /// <summary>Heatmap of z[row][column] with optional axis values (x = columns, y = rows).</summary>
    public static Figure Heatmap(string title, IReadOnlyList<IReadOnlyList<double>> z, IReadOnlyList<double>? x = null, IReadOnlyList<double>? y = null,
        string xTitle = "", string yTitle = "", string name = "", bool logX = false, bool logY = false)
        => new([HeatmapTrace(z, x, y, name)], ChartStyle.Layout(title, xTitle, yTitle, logX, logY));

    /// <summary>Histogram of several named sets of values, overlaid.</summary>
    public static Figure Histogram(string title, IEnumerable<(string Name, IReadOnlyList<double> Values)> sets, int bins = 50, string xTitle = "", bool logY = false)
    {
        var traces = sets.Select(s => new FigureTrace(TraceKind.Histogram, s.Name)
        {
            X = s.Values.ToArray(), Bins = bins, Opacity = 0.6,
        }).ToArray();
        if (traces.Length == 0) throw new ArgumentException("no data to plot", nameof(sets));
        return new Figure(traces, ChartStyle.Layout(title, xTitle, "count", logY: logY) with { BarMode = "overlay" });
    }

    /// <summary>Histogram of one set of values.</summary>
    public static Figure Histogram(string title, IReadOnlyList<double> values, int bins = 50, string xTitle = "", string name = "")
        => Histogram(title, [(name, values)], bins, xTitle);

    /// <summary>Phase diagram: a heatmap of z over the (x, y) grid (z[i][j] at y[i], x[j]) with an optional curve on top,
    /// e.g. the order-to-chaos line χ₁ = 1 over (σ_w², σ_b²).</summary>
    public static Figure PhaseDiagram(string title, IReadOnlyList<double> x, IReadOnlyList<double> y, IReadOnlyList<IReadOnlyList<double>> z,
        (string Name, IReadOnlyList<double> X, IReadOnlyList<double> Y)? overlay = null, string xTitle = "", string yTitle = "", string zName = "", bool logY = false)
    {
        var layers = new List<FigureTrace> { HeatmapTrace(z, x, y, zName) };
        if (overlay is { } o)
            layers.Add(Line(o.Name, o.X, o.Y, markers: false) with { Color = "white", LineWidth = 3 });
        return new Figure(layers, ChartStyle.Layout(title, xTitle, yTitle, logY: logY));
    }

    private static FigureTrace Line(string name, IReadOnlyList<double> x, IReadOnlyList<double> y,
        bool markers)
        => new(TraceKind.Line, name) { X = x.ToArray(), Y = y.ToArray(), Markers = markers };

    private static double[] Layers(int count) => Enumerable.Range(1, count).Select(i => (double)i).ToArray();

    private static FigureTrace HeatmapTrace(IReadOnlyList<IReadOnlyList<double>> z, IReadOnlyList<double>? x,
        IReadOnlyList<double>? y, string name)
        => new(TraceKind.Heatmap, name)
        {
            Z = z.Select(r => (IReadOnlyList<double>)r.ToArray()).ToArray(),
            X = x?.ToArray(),
            Y = y?.ToArray(),
        };

    private static string Label(Metric m) => m switch
    {
        Metric.TrainLoss => "train loss",
        Metric.TestLoss => "test loss",
        Metric.TrainAccuracy => "train accuracy",
        Metric.TestAccuracy => "test accuracy",
        Metric.TrainError => "training error",
        _ => "mini-batch loss",
    };
}
