using Depth.Notebook;

namespace Depth.Training;

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

/// <summary>What a training run recorded. Displays as a table of epochs (text/html) or plain
/// text.</summary>
[TypeFormatterSource(typeof(HistoryFormatterSource))]
public sealed class History
{
    /// <summary>Every step (empty when <see cref="TrainerOptions.RecordSteps"/> is
    /// false).</summary>
    public List<StepRecord> Steps { get; init; } = [];
    /// <summary>Every epoch.</summary>
    public List<EpochRecord> Epochs { get; init; } = [];
    /// <summary>The seed of the run.</summary>
    public long Seed { get; init; }
    /// <summary>Why the run stopped: "completed", "early stopping after epoch N", "max
    /// steps".</summary>
    public string StopReason { get; set; } = "completed";

    /// <summary>The last epoch (throws when there is none).</summary>
    public EpochRecord Last => Epochs.Count > 0 ? Epochs[^1] : throw new InvalidOperationException("the history has no epochs");

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
    public double Seconds => Epochs.Count == 0 ? 0 : Epochs[^1].Seconds;

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
