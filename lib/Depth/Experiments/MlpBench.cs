

namespace Depth;

/// <summary>A bench for comparing cures of vanishing and exploding gradients: every run trains an
/// <see cref="Mlp"/> of the same width and depth on the same data with the same optimiser settings,
/// and differs only in what the comparison is about — activation, initialisation, normalisation,
/// gradient clipping, learning rate. Each run builds a fresh network (default initialisation seeded
/// with <paramref name="seed"/>, then <see cref="InitExtensions.InitialisedWith"/> with the same
/// seed) and records every step's loss and the test accuracy
/// after each epoch. A run whose loss diverged is kept, <see cref="History.Diverged"/>, with the
/// losses up to that step.</summary>
/// <param name="train">Training set, inputs [N, features].</param>
/// <param name="test">Test set for the final accuracy.</param>
/// <param name="width">Units per hidden layer.</param>
/// <param name="depth">Hidden layers.</param>
/// <param name="options">Optimiser settings shared by every run (learning rate and clipping can be
/// overridden per run).</param>
/// <param name="seed">Seed of the networks' initialisation.</param>
public sealed class MlpBench(Dataset train, Dataset test, int width, int depth,
                             TrainerOptions options, long seed)
{
    /// <summary>Trains one network, writes a one-line summary to the console and returns its
    /// history; <paramref name="clip"/> sets <see cref="TrainerOptions.ClipGradNorm"/> (null = none)
    /// and <paramref name="learningRate"/> overrides the bench's.</summary>
    public History Train(string name, Activation activation, InitScheme init,
                           Norm norm = Norm.None, double? clip = null, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(init);
        int inputs = (int)train.Inputs.shape[1];
        int classes = (int)train.Targets.max().item<long>() + 1;
        using var model = new Mlp(inputs, width, depth, classes, activation, norm, seed: seed)
            .InitialisedWith(init, seed);
        var runOptions = options with
        {
            Name = name, ClipGradNorm = clip, LearningRate = learningRate ?? options.LearningRate,
            RecordSteps = true,
        };
        History history;
        try { history = Trainer.Train(model, train, test, runOptions); }
        catch (TrainingDivergedException e) { history = e.History!; }
        Console.WriteLine($"{name}: {history.StepCount} steps, "
            + $"last loss {(history.Steps.Count == 0 ? double.NaN : history.Steps[^1].Loss):F3}, "
            + $"test accuracy {history.TestAccuracy:P1}"
            + (history.Diverged ? " — diverged (loss became NaN/∞)" : ""));
        return history;
    }
}
