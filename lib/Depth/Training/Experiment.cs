using Depth.Data;
using static TorchSharp.torch;

namespace Depth.Training;

/// <summary>One run of a lesson's comparison: train a network that is used only for its numbers,
/// report them in one line, free the network.</summary>
public static class Experiment
{
    /// <summary>Trains <paramref name="model"/> with <see cref="Trainer.Train"/>, writes "name:
    /// training error …, test accuracy … after n epochs (s)" to <paramref name="log"/> (default
    /// <see cref="Console.Out"/>), disposes the model and returns the <see
    /// cref="History"/>.</summary>
    public static History Train(string name, nn.Module<Tensor, Tensor> model, Dataset train,
                                Dataset? test, TrainerOptions options, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        try
        {
            var history = Trainer.Train(model, train, test, options);
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

    /// <summary><see cref="Train"/>, returning the run's name with its history: the shape
    /// <c>Charts.LearningCurves</c> takes.</summary>
    public static (string Name, History History) Run(string name, nn.Module<Tensor, Tensor> model,
        Dataset train, Dataset? test, TrainerOptions options, TextWriter? log = null)
        => (name, Train(name, model, train, test, options, log));
}
