using Depth.Data;
using static TorchSharp.torch;

namespace Depth.Training;

/// <summary>One training run seen as its mini-batch losses, step by step, and its test accuracy at
/// the end — what a lesson needs to show whether a network learns at all. A run whose loss became
/// NaN/∞ (or grew past the trainer's divergence limit) is kept, marked <see cref="Diverged"/>, with
/// the losses up to that step.</summary>
/// <param name="Name">Label of the run in tables and charts.</param>
/// <param name="Losses">Loss of every mini-batch, in order (before each update).</param>
/// <param name="TestAccuracy">Test accuracy after training (NaN when the run diverged).</param>
/// <param name="Diverged">Whether training stopped with <see
/// cref="TrainingDivergedException"/>.</param>
public sealed record LossCurve(string Name, IReadOnlyList<double> Losses, double TestAccuracy,
                               bool Diverged)
{
    /// <summary>Trains <paramref name="model"/> with <paramref name="options"/> (its progress
    /// callback is replaced by one that records every step's loss), evaluates it on <paramref
    /// name="test"/>, and writes a one-line summary to <paramref name="log"/> (default <see
    /// cref="Console.Out"/>).</summary>
    public static LossCurve Record(string name, nn.Module<Tensor, Tensor> model, Dataset train,
                                   Dataset test, TrainerOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var losses = new List<double>();
        var recording = options with
        {
            ProgressEvery = 1,
            Progress = p => { if (p.EpochDone is null) losses.Add(p.Loss); },
        };
        bool diverged = false;
        try { Trainer.Train(model, train, null, recording); }
        catch (TrainingDivergedException) { diverged = true; }
        var accuracy = diverged ? double.NaN : Trainer.Evaluate(model, test).Accuracy;
        var run = new LossCurve(name, losses, accuracy, diverged);
        (log ?? Console.Out).WriteLine(run);
        return run;
    }

    /// <summary>Steps 1..n, the x axis of <see cref="Losses"/>.</summary>
    public IReadOnlyList<double> Steps =>
        Enumerable.Range(1, Losses.Count).Select(i => (double)i).ToArray();

    /// <summary>Moving average over the last <paramref name="window"/> steps (fewer at the start),
    /// so that mini-batch noise does not hide the trend: yᵢ = mean(loss_max(1, i−k+1) …
    /// loss_i).</summary>
    public IReadOnlyList<double> Smoothed(int window = 10)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(window, 1);
        return Losses.Select((_, i) => Losses.Skip(Math.Max(0, i - window + 1))
            .Take(Math.Min(window, i + 1)).Average()).ToArray();
    }

    /// <summary>The largest mini-batch loss (NaN without steps).</summary>
    public double LargestLoss => Losses.Count == 0 ? double.NaN : Losses.Max();

    /// <summary>Test accuracy, or <paramref name="chance"/> for a run that diverged (it is no
    /// better than a guess).</summary>
    public double AccuracyOr(double chance) => Diverged ? chance : TestAccuracy;

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name}: {Losses.Count} steps, "
        + $"last loss {(Losses.Count == 0 ? double.NaN : Losses[^1]):F3}, "
        + $"test accuracy {TestAccuracy:P1}{(Diverged ? " — diverged (loss became NaN/∞)" : "")}";
}
