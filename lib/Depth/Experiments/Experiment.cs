using static TorchSharp.torch;


namespace Depth;

/// <summary>One run of a lesson's comparison: train a network that is used only for its numbers,
/// report them in one line, free the network.</summary>
public static class Experiment
{
    /// <summary>Trains <paramref name="model"/> with <see cref="Trainer.Train"/>, writes "name:
    /// training error …, test accuracy … after n epochs (s)" to <paramref name="log"/> (default
    /// <see cref="Console.Out"/>), disposes the model and returns the <see
    /// cref="History"/>, named <paramref name="name"/>.</summary>
    public static History Train(string name, nn.Module<Tensor, Tensor> model, Dataset train,
                                Dataset? test, TrainerOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            var history = Trainer.Train(model, train, test, options with { Name = name });
            var last = history.Last;
            string testPart = test is null ? "" : $", test accuracy {last.TestAccuracy:P1}";
            (log ?? Console.Out).WriteLine(
                $"{name}: training error {history.FinalTrainError:P1}{testPart} "
                + $"after {last.Epoch} epochs "
                + $"({history.Seconds:F0} s)");
            return history;
        }
        finally { model.Dispose(); }
    }
}
