using static TorchSharp.torch;


namespace Depth;

/// <summary>
/// One trained network, summarised for a table: how well it fits its training set and how well it
/// generalises. Accuracies are measured after training in eval mode (no dropout, BatchNorm running
/// statistics), rounded to 4 decimals; Gap = TrainAccuracy − TestAccuracy is the overfitting
/// (generalisation gap).
/// </summary>
/// <param name="Network">A name for the row, e.g. "width 256, depth 2".</param>
/// <param name="Parameters">Trainable parameters of the network.</param>
/// <param name="TrainAccuracy">Accuracy on the data it was trained on, in [0, 1].</param>
/// <param name="TestAccuracy">Accuracy on held-out data, in [0, 1].</param>
/// <param name="Gap">TrainAccuracy − TestAccuracy.</param>
/// <param name="Seconds">Wall time of the training run (one decimal).</param>
public sealed record FitResult(
    string Network, long Parameters, double TrainAccuracy, double TestAccuracy, double Gap,
    double Seconds)
{
    /// <summary>
    /// Evaluates <paramref name="model"/> on <paramref name="train"/> and <paramref name="test"/>,
    /// and writes one line "name: train 99.8 %, test 79.4 % (3.1 s)" to <paramref name="log"/>
    /// (Console.Out when null).
    /// </summary>
    /// <param name="name">The row's name.</param>
    /// <param name="model">A trained classifier.</param>
    /// <param name="train">The data it was trained on (random labels included, if those were its
    /// targets).</param>
    /// <param name="test">Held-out data.</param>
    /// <param name="history">The training run, for its wall time.</param>
    /// <param name="log">Where the summary line goes.</param>
    public static FitResult Measure(string name, nn.Module<Tensor, Tensor> model, Dataset train,
        Dataset test, History history, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(history);
        var trainAcc = Trainer.Evaluate(model, train).Accuracy;   // eval mode: no dropout
        var testAcc = Trainer.Evaluate(model, test).Accuracy;
        (log ?? Console.Out).WriteLine(
            $"{name}: train {trainAcc:P1}, test {testAcc:P1} ({history.Seconds:F1} s)");
        return new FitResult(name, ParameterCount.Of(model).Parameters, Math.Round(trainAcc, 4),
            Math.Round(testAcc, 4), Math.Round(trainAcc - testAcc, 4),
            Math.Round(history.Seconds, 1));
    }
}
