using Depth.Training;

namespace Depth.Charts;

public static partial class Charts
{
    /// <summary>Mini-batch training loss of several <see cref="LossCurve"/>s against the step, each
    /// smoothed by a moving average of <paramref name="window"/> steps (<see
    /// cref="LossCurve.Smoothed"/>), on a log axis.</summary>
    /// <exception cref="ArgumentException">No runs.</exception>
    public static Figure LossCurves(string title, IEnumerable<LossCurve> runs, int window = 10)
        => Lines(title,
            runs.Select(r => (r.Name, (IReadOnlyList<double>)r.Steps, r.Smoothed(window))),
            xTitle: "step", yTitle: $"training loss (moving average of {window} steps)",
            logY: true);
}
