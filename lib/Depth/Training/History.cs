
namespace Depth;

/// <summary>One optimiser step.</summary>
/// <param name="Step">1-based step number.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Loss">Mini-batch loss before the update.</param>
/// <param name="LearningRate">Learning rate used.</param>
/// <param name="Milliseconds">Wall time of the step.</param>
public sealed record StepRecord(int Step, int Epoch, double Loss, double LearningRate, double Milliseconds);

/// <summary>One epoch. Train loss/accuracy are averages over the epoch's mini-batches (taken while
/// training); test loss/accuracy are measured after the epoch in eval mode (NaN without a test
/// set). Accuracy is NaN for regression.</summary>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="Steps">Steps done by the end of this epoch.</param>
/// <param name="TrainLoss">Mean training loss.</param>
/// <param name="TrainAccuracy">Mean training accuracy in [0, 1].</param>
/// <param name="TestLoss">Test loss.</param>
/// <param name="TestAccuracy">Test accuracy in [0, 1].</param>
/// <param name="Seconds">Wall time since the start of training.</param>
public sealed record EpochRecord(int Epoch, int Steps, double TrainLoss, double TrainAccuracy, double TestLoss, double TestAccuracy, double Seconds);

/// <summary>One evaluation during training (<see cref="TrainerOptions.EvaluateEvery"/>).</summary>
/// <param name="Step">Steps done (0 = before training).</param>
/// <param name="Seconds">Wall time since the first step, evaluations included.</param>
/// <param name="TrainLoss">Mean mini-batch loss over the steps since the previous evaluation (NaN
/// at step 0).</param>
/// <param name="TestLoss">Loss on the test set.</param>
/// <param name="TestAccuracy">Accuracy on the test set.</param>
/// <param name="PeakMb">Peak resident memory of the process so far, MB.</param>
public sealed record EvaluationRecord(int Step, double Seconds, double TrainLoss, double TestLoss,
    double TestAccuracy, double PeakMb);

/// <summary>What a training run recorded: its steps, epochs and evaluations, why it stopped, and
/// (when asked) how far a watched tensor moved. Displays as a table of epochs (text/html) or plain
/// text.</summary>
[TypeFormatterSource(typeof(HistoryFormatterSource))]
public sealed class History
{
    /// <summary>Every step (empty when <see cref="TrainerOptions.RecordSteps"/> is
    /// false).</summary>
    public List<StepRecord> Steps { get; init; } = [];
    /// <summary>Every epoch.</summary>
    public List<EpochRecord> Epochs { get; init; } = [];
    /// <summary>Every evaluation of <see cref="TrainerOptions.EvaluateEvery"/>, step 0
    /// first.</summary>
    public List<EvaluationRecord> Evaluations { get; init; } = [];
    /// <summary>The run's name (<see cref="TrainerOptions.Name"/>).</summary>
    public string Name { get; init; } = "";
    /// <summary>The seed of the run.</summary>
    public long Seed { get; init; }
    /// <summary>Why the run stopped: "completed", "early stopping after epoch N", "max
    /// steps", "diverged at step N: …".</summary>
    public string StopReason { get; set; } = "completed";
    /// <summary>Whether the run stopped because its loss diverged (<see
    /// cref="TrainingDivergedException"/>, which carries this history).</summary>
    public bool Diverged { get; set; }
    /// <summary>Optimiser steps taken.</summary>
    public int StepCount { get; set; }
    /// <summary>‖θ_end − θ_start‖_F of <see cref="TrainerOptions.Watch"/> (NaN when nothing was
    /// watched).</summary>
    public double WatchedChange { get; set; } = double.NaN;
    /// <summary><see cref="WatchedChange"/> per step.</summary>
    public double WatchedChangePerStep => WatchedChange / StepCount;

    /// <summary>The last epoch (throws when there is none).</summary>
    public EpochRecord Last => Epochs.Count > 0 ? Epochs[^1] : throw new InvalidOperationException("the history has no epochs");
    /// <summary>Test accuracy at the end: the last evaluation's, else the last epoch's (NaN
    /// without either).</summary>
    public double TestAccuracy => Evaluations.Count > 0 ? Evaluations[^1].TestAccuracy
        : Epochs.Count > 0 ? Epochs[^1].TestAccuracy : double.NaN;
    /// <summary><see cref="TestAccuracy"/>, or <paramref name="chance"/> for a run that diverged
    /// (it is no better than a guess).</summary>
    public double AccuracyOr(double chance) => Diverged ? chance : TestAccuracy;
    /// <summary>The mini-batch loss of every recorded step, in order.</summary>
    public IReadOnlyList<double> Losses => Steps.Select(s => s.Loss).ToArray();
    /// <summary>The largest mini-batch loss (NaN without steps).</summary>
    public double LargestLoss => Steps.Count == 0 ? double.NaN : Steps.Max(s => s.Loss);

    /// <summary>Training error of the last epoch, 1 − <see cref="EpochRecord.TrainAccuracy"/>: the
    /// quantity of the degradation problem (He et al. 2016, arXiv:1512.03385, Fig. 1).</summary>
    public double FinalTrainError => 1 - Last.TrainAccuracy;

    /// <summary>The best (highest) test accuracy over the epochs.</summary>
    public double BestTestAccuracy => Epochs.Count == 0 ? double.NaN : Epochs.Max(e => e.TestAccuracy);

    /// <summary>The first epoch whose training accuracy reaches <paramref name="accuracy"/>; null
    /// if none does.</summary>
    public int? FirstEpochReaching(double accuracy)
        => Epochs.FirstOrDefault(e => e.TrainAccuracy >= accuracy)?.Epoch;

    /// <summary>Total wall time in seconds.</summary>
    public double Seconds => Evaluations.Count > 0 ? Evaluations[^1].Seconds
        : Epochs.Count > 0 ? Epochs[^1].Seconds : 0;

    /// <summary>A table, one row per run: network, steps, the given final test accuracy, wall
    /// time, time per step (evaluations included; in ms below a second) and peak memory.</summary>
    /// <param name="testImages">How many test images the accuracies were measured on (for the
    /// column title).</param>
    /// <param name="rows">Each run with its final test accuracy.</param>
    public static Table Summary(int testImages, params (History Run, double Accuracy)[] rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        string[] columns = ["network", "steps", $"test accuracy ({testImages:N0} images)",
            "train wall time", "per step (with evaluation)", "peak memory"];
        return Table.From(columns, rows.Select(r => Table.Row(r.Run.Name, r.Run.StepCount,
            r.Accuracy.ToString("P1"), $"{r.Run.Seconds:F0} s",
            PerStep(r.Run.Seconds / r.Run.StepCount),
            r.Run.Evaluations.Count == 0 ? "" : $"{r.Run.Evaluations[^1].PeakMb:F0} MB")));
    }

    static string PerStep(double seconds) =>
        seconds < 1 ? $"{seconds * 1000:F0} ms" : $"{seconds:F2} s";

    /// <summary>Plain-text table of the epochs.</summary>
    public override string ToString()
        => $"{Epochs.Count} epochs, {(Epochs.Count == 0 ? 0 : Epochs[^1].Steps)} steps, {StopReason}\n" + Table.Of(Epochs).ToString();
}

/// <summary>Formatters (.NET Interactive convention) for <see cref="History"/>.</summary>
internal sealed class HistoryFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new ConventionFormatter(typeof(History), "text/html", (o, w) =>
        {
            var h = (History)o;
            w.Write($"<div class=\"history\"><p>{Html.Escape($"{h.Epochs.Count} epochs, {(h.Epochs.Count == 0 ? 0 : h.Epochs[^1].Steps)} steps, {h.StopReason}")}</p>");
            Table.Of(h.Epochs).WriteHtml(w);
            w.Write("</div>");
        });
        yield return new ConventionFormatter(typeof(History), "text/plain", (o, w) => w.Write(o.ToString()));
    }
}
