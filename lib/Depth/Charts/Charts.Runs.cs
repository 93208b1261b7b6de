using Depth.Training;

namespace Depth.Charts;

public static partial class Charts
{
    /// <summary>
    /// Learning curves of <see cref="GroupTrainer"/> runs against the Adam step, one line with
    /// markers per run (named by the run). <see cref="Metric.TestAccuracy"/> draws every progress
    /// point, step 0 included; <see cref="Metric.TrainLoss"/> draws the mean cross-entropy since
    /// the previous point on a log axis, from the first point after step 0 (step 0 has no loss).
    /// </summary>
    /// <exception cref="ArgumentException">No runs, an empty run, or a metric a run does not
    /// record.</exception>
    public static Figure TrainingCurves(string title,
        IEnumerable<IReadOnlyList<TrainingPoint>> runs, Metric metric)
    {
        ArgumentNullException.ThrowIfNull(runs);
        if (metric is not (Metric.TestAccuracy or Metric.TrainLoss))
            throw new ArgumentException(
                $"a training run records test accuracy and train loss, not {metric}",
                nameof(metric));
        var list = runs.ToList();
        if (list.Count == 0 || list.Any(r => r.Count == 0))
            throw new ArgumentException("no runs (or an empty run) to plot", nameof(runs));
        bool loss = metric == Metric.TrainLoss;
        var series = list.Select(r =>
        {
            var points = r.Skip(loss ? 1 : 0).ToArray();
            return (r[0].Run, (IReadOnlyList<double>)points.Select(p => (double)p.Step).ToArray(),
                (IReadOnlyList<double>)points.Select(p => loss ? p.TrainLoss : p.TestAccuracy)
                    .ToArray());
        });
        return Lines(title, series, "step", loss ? "cross-entropy" : "test accuracy", logY: loss,
            markers: true);
    }
}
