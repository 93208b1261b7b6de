using Depth;
using static TorchSharp.torch;

namespace Depth.Tests;

public class TrainingFitResultTests
{
    [Fact]
    public void MeasureEvaluatesBothSetsAndRoundsTheGap()
    {
        var data = Synthetic.TeacherStudent(200, 4, seed: 1);
        var model = new Mlp(4, 16, 1, 2, seed: 1);
        var options = new TrainerOptions { Epochs = 20, BatchSize = 20,
            Optimizer = OptimizerKind.Adam, LearningRate = 1e-2, Seed = 1, ProgressEvery = 0 };
        var history = Trainer.Train(model, data, null, options);
        // Random labels: the same inputs, nothing to learn for the "test" set.
        var random = Labels.Random(data, 2);
        var log = new StringWriter();
        var r = FitResult.Measure("tiny", model, data, random, history, log);
        Assert.Equal(Math.Round(Trainer.Evaluate(model, data).Accuracy, 4), r.TrainAccuracy);
        Assert.Equal(Math.Round(Trainer.Evaluate(model, random).Accuracy, 4), r.TestAccuracy);
        Assert.Equal(Math.Round(r.TrainAccuracy - r.TestAccuracy, 4), r.Gap, 4);
        Assert.True(r.TrainAccuracy > 0.9);
        Assert.Equal(4 * 16 + 16 + 16 * 2 + 2, r.Parameters);
        Assert.StartsWith("tiny: train ", log.ToString());
        Assert.Equal(1, history.FirstEpochReaching(0));
        int firstAt90 = history.Epochs.First(e => e.TrainAccuracy >= 0.9).Epoch;
        Assert.Equal(firstAt90, history.FirstEpochReaching(0.9));
        Assert.True(history.Epochs[firstAt90 - 1].TrainAccuracy >= 0.9);
        Assert.True(firstAt90 == 1 || history.Epochs[firstAt90 - 2].TrainAccuracy < 0.9);
        Assert.Null(history.FirstEpochReaching(1.01));
    }

    [Fact]
    public void FlattenKeepsExamplesAndTargets()
    {
        var pixels = arange(2 * 1 * 3 * 3, dtype: ScalarType.Float32).reshape(2, 1, 3, 3);
        var images = new Dataset("d", pixels, tensor(new long[] { 0, 1 }), ["a", "b"]);
        var flat = images.Flatten("flat");
        Assert.Equal(new long[] { 2, 9 }, flat.Inputs.shape);
        Assert.Equal("flat", flat.Name);
        Assert.Equal(17f, flat.Inputs[1, 8].item<float>());
        Assert.Equal(images.ClassNames, flat.ClassNames);
    }
}
