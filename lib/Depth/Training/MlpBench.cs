using Depth.Data;
using Depth.Init;
using Depth.Models;

namespace Depth.Training;

/// <summary>A bench for comparing cures of vanishing and exploding gradients: every run trains an
/// <see cref="Mlp"/> of the same width and depth on the same data with the same optimiser settings,
/// and differs only in what the comparison is about — activation, initialisation, normalisation,
/// gradient clipping, learning rate. Each run builds a fresh network (default initialisation seeded
/// with <paramref name="seed"/>, then <see cref="InitScheme.Apply(TorchSharp.torch.nn.Module,
/// InitScheme, long)"/> with the same seed) and records a <see cref="LossCurve"/>.</summary>
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
    /// <summary>Trains one network and returns its curve; <paramref name="clip"/> sets <see
    /// cref="TrainerOptions.ClipGradNorm"/> (null = none) and <paramref name="learningRate"/>
    /// overrides the bench's.</summary>
    public LossCurve Train(string name, Activation activation, InitScheme init,
                           Norm norm = Norm.None, double? clip = null, double? learningRate = null)
    {
        ArgumentNullException.ThrowIfNull(init);
        int inputs = (int)train.Inputs.shape[1];
        int classes = (int)train.Targets.max().item<long>() + 1;
        using var model = new Mlp(inputs, width, depth, classes, activation, norm, seed: seed);
        InitScheme.Apply(model, init, seed);
        var runOptions = options with
        {
            ClipGradNorm = clip, LearningRate = learningRate ?? options.LearningRate,
        };
        return LossCurve.Record(name, model, train, test, runOptions);
    }
}
