using System.Diagnostics;


namespace Depth;

/// <summary>Test accuracy of deep tanh networks over a grid of depth L × weight variance σ_w², each
/// trained from critical-style Gaussian initialisation (σ_w², σ_b²): the experiment of Schoenholz
/// et al. (2017, "Deep Information Propagation", arXiv:1611.01232, Fig. 5), whose trainable region
/// is bounded by L ≈ 6 ξ_c.</summary>
/// <param name="Depths">Depths L (rows).</param>
/// <param name="WeightVariances">σ_w² (columns).</param>
/// <param name="Accuracy">Test accuracy, [depth][σ_w²]; a run that diverged counts as
/// chance.</param>
public sealed record TrainabilityGrid(int[] Depths, double[] WeightVariances, double[][] Accuracy)
{
    /// <summary>Trains one tanh <see cref="Mlp"/> of <paramref name="width"/> units per cell
    /// with <paramref name="options"/> (its <see cref="TrainerOptions.Seed"/> also seeds the
    /// networks) and scores it on <paramref name="test"/>; a diverged run scores <paramref
    /// name="chance"/>. Writes one line per depth to <paramref name="log"/> (default <see
    /// cref="Console.Out"/>).</summary>
    public static TrainabilityGrid Measure(int[] depths, double[] weightVariances,
        double biasVariance, int width, Dataset train, Dataset test, TrainerOptions options,
        double chance = 0.1, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(depths);
        ArgumentNullException.ThrowIfNull(weightVariances);
        ArgumentNullException.ThrowIfNull(options);
        int inputs = (int)train.Inputs.shape[1];
        int classes = (int)train.Targets.max().item<long>() + 1;
        var accuracy = new double[depths.Length][];
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < depths.Length; i++)
        {
            accuracy[i] = new double[weightVariances.Length];
            for (int j = 0; j < weightVariances.Length; j++)
            {
                var init = InitScheme.Critical(weightVariances[j], biasVariance);
                using var model = new Mlp(inputs, width, depths[i], classes, Activation.Tanh,
                    seed: options.Seed).InitialisedWith(init, options.Seed);
                try
                {
                    Trainer.Train(model, train, null, options);
                    accuracy[i][j] = Trainer.Evaluate(model, test).Accuracy;
                }
                catch (TrainingDivergedException) { accuracy[i][j] = chance; }
            }
            var row = accuracy[i].Select((a, j) => $"σ_w²={weightVariances[j]:G3}→{a:P0}");
            (log ?? Console.Out).WriteLine(
                $"depth {depths[i],3}: {string.Join("  ", row)}   "
                + $"({clock.Elapsed.TotalSeconds:F0} s)");
        }
        return new TrainabilityGrid(depths, weightVariances, accuracy);
    }

    /// <summary>Every cell with the theory's trainable depth 6 ξ_c at its σ_w² (<see
    /// cref="MeanFieldPoint.TrainableDepth"/>), depth-major order.</summary>
    public IEnumerable<(int Depth, double TrainableDepth, double Accuracy)> Cells(MeanField theory,
                                                                                double biasVariance)
    {
        ArgumentNullException.ThrowIfNull(theory);
        var limits = WeightVariances.Select(w => theory.Analyse(w, biasVariance).TrainableDepth)
            .ToArray();
        for (int i = 0; i < Depths.Length; i++)
            for (int j = 0; j < WeightVariances.Length; j++)
                yield return (Depths[i], limits[j], Accuracy[i][j]);
    }
}
