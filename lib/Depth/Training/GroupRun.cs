using Depth.Notebook;

namespace Depth.Training;

/// <summary>
/// One network trained by <see cref="ThreeRateRecipe"/>: its progress points and how far its first
/// layer moved. The first layer is the one that reads the input, and it learns only from gradients
/// that crossed every layer above it, so its movement per step tells whether training reaches the
/// bottom of a deep network.
/// </summary>
/// <param name="Name">Name of the run, e.g. "10,000 layers, orthogonal".</param>
/// <param name="Steps">Adam steps taken.</param>
/// <param name="Points">Progress points, step 0 first (<see cref="GroupTrainer"/>).</param>
/// <param name="FirstLayerChange">‖W₁(end) − W₁(start)‖_F of the first layer's weight.</param>
public sealed record GroupRun(string Name, int Steps, IReadOnlyList<TrainingPoint> Points,
    double FirstLayerChange)
{
    /// <summary>‖ΔW₁‖ per step.</summary>
    public double FirstLayerStep => FirstLayerChange / Steps;

    /// <summary>Wall time of the run, evaluation included.</summary>
    public double Seconds => Points[^1].Seconds;

    /// <summary>Peak resident memory of the process at the end of the run, MB.</summary>
    public double PeakMb => Points[^1].PeakMb;

    /// <summary>
    /// A summary table, one row per run: network, steps, the given final test accuracy, wall time,
    /// time per step (evaluation included; in ms below a second) and peak memory.
    /// </summary>
    /// <param name="testImages">How many test images the final accuracies were measured on (for the
    /// column title).</param>
    /// <param name="rows">Each run with its final test accuracy.</param>
    public static Table Summary(int testImages, params (GroupRun Run, double Accuracy)[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        string[] columns = ["network", "steps", $"test accuracy ({testImages:N0} images)",
            "train wall time",
            "per step (with evaluation)", "peak memory"];
        return Table.From(columns, rows.Select(r => Table.Row(r.Run.Name, r.Run.Steps,
            r.Accuracy.ToString("P1"),
            $"{r.Run.Seconds:F0} s", PerStep(r.Run.Seconds / r.Run.Steps),
                $"{r.Run.PeakMb:F0} MB")));
    }

    static string PerStep(double seconds) =>
        seconds < 1 ? $"{seconds * 1000:F0} ms" : $"{seconds:F2} s";
}
