using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

public class TrainingGroupsTests
{
    // Two linearly separable classes in 4 dimensions: the label is the sign of the first coordinate.
    static Dataset Separable(int count, long seed)
    {
        using var g = new Generator((ulong)seed);
        var x = torch.randn([count, 4], generator: g);
        return new Dataset("separable", x, x[.., 0].gt(0).to(ScalarType.Int64));
    }

    [Fact]
    public void LearnsAndLeavesAZeroRateGroupAlone()
    {
        var train = Separable(512, 1);
        var test = Separable(256, 2);
        var model = nn.Sequential(("a", nn.Linear(4, 8)), ("tanh", nn.Tanh()), ("b", nn.Linear(8, 2)));
        // A private generator: drawn from the global one, the weights depended on what parallel tests had drawn, and
        // 1 initialisation in 80 ended at 88.7 % after 60 steps at rate 0.05 (CI hit one: 89.1 %). At rate 0.1 the
        // worst of those 80 initialisations reaches 93.0 %; this one reaches 98.4 %.
        Depth.SeededInit.Apply(model, 1);
        var first = model.named_parameters().Where(p => p.name.StartsWith("a.")).Select(p => p.parameter).ToList();
        var last = model.named_parameters().Where(p => p.name.StartsWith("b.")).Select(p => p.parameter).ToList();
        var frozenBefore = last[0].detach().clone();
        var log = new StringWriter();
        var options = new TrainerOptions
        {
            Name = "toy", Groups = [new("first", first, 0.1), new("last", last, 0.0)],
            Order = BatchOrder.OneShuffle, MaxSteps = 60, BatchSize = 32, EvaluateEvery = 20, Seed = 3,
            Log = log, Watch = first[0],
        };
        var firstBefore = first[0].detach().clone();
        var history = Trainer.Train(model, train, test, options);
        var points = history.Evaluations;
        Assert.Equal([0, 20, 40, 60], points.Select(p => p.Step));
        Assert.Empty(history.Epochs);   // one shuffle cut into windows: no epochs
        Assert.Equal(60, history.StepCount);
        Assert.True(points[^1].TestAccuracy > 0.9, $"accuracy {points[^1].TestAccuracy}");
        Assert.True(points[^1].TrainLoss < points[1].TrainLoss);
        Assert.True(double.IsNaN(points[0].TrainLoss));
        Assert.Equal(0f, (last[0] - frozenBefore).abs().max().item<float>());
        Assert.Equal((first[0] - firstBefore).norm().item<float>(), history.WatchedChange);
        Assert.Equal(history.WatchedChange / 60, history.WatchedChangePerStep);
        Assert.Contains("toy: step 60/60", log.ToString());
        Assert.Contains("peak", log.ToString());
        Assert.Equal(points[^1].Seconds, history.Seconds);

        // Same seed, same run; the windows wrap around the 512 examples (60 × 32 = 1,920 rows).
        Depth.SeededInit.Apply(model, 1);
        var again = Trainer.Train(model, train, test, options with { Log = null, Watch = null });
        Assert.Equal(points.Select(p => (p.Step, p.TrainLoss, p.TestAccuracy)),
            again.Evaluations.Select(p => (p.Step, p.TrainLoss, p.TestAccuracy)));
    }

    [Fact]
    public void DivergenceNamesTheStep()
    {
        var data = Separable(64, 4);
        var model = nn.Linear(4, 2);
        using (torch.no_grad()) model.weight!.fill_(float.NaN);
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(model, data, data,
            new TrainerOptions { Groups = [new("all", model.parameters().ToList(), 0.1)],
                Order = BatchOrder.OneShuffle, MaxSteps = 3, BatchSize = 8, EvaluateEvery = 1 }));
        Assert.Equal(1, e.Step);
        Assert.True(e.History!.Diverged);
        Assert.Equal(0, e.History.StepCount);
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var data = Separable(16, 5);
        var model = nn.Linear(4, 2);
        var groups = new ParameterGroup[] { new("all", model.parameters().ToList(), 0.1) };
        var oneShuffle = new TrainerOptions { Order = BatchOrder.OneShuffle, MaxSteps = 1, BatchSize = 17 };
        Assert.Contains("OneShuffle", Assert.Throws<ArgumentException>(() =>
            Trainer.Train(model, data, null, oneShuffle)).Message);
        Assert.Contains("parameter groups", Assert.Throws<ArgumentException>(() =>
            Trainer.Train(model, data, null, new TrainerOptions { Groups = [] })).Message);
        Assert.Contains("parameter groups", Assert.Throws<ArgumentException>(() =>
            Trainer.Train(model, data, null, new TrainerOptions { Groups = groups, Optimizer = OptimizerKind.Sgd })).Message);
        Assert.Contains("EvaluateEvery", Assert.Throws<ArgumentException>(() =>
            Trainer.Train(model, data, null, new TrainerOptions { EvaluateEvery = 1 })).Message);
    }
}
