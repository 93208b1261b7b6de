using Depth.Data;
using Depth.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

public class TrainingGroupTrainerTests
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
        Depth.Models.SeededInit.Apply(model, 1);
        var first = model.named_parameters().Where(p => p.name.StartsWith("a.")).Select(p => p.parameter).ToList();
        var last = model.named_parameters().Where(p => p.name.StartsWith("b.")).Select(p => p.parameter).ToList();
        var frozenBefore = last[0].detach().clone();
        var log = new StringWriter();
        var points = GroupTrainer.Train("toy", model, [new("first", first, 0.1), new("last", last, 0.0)],
            train, test, steps: 60, batchSize: 32, evalEvery: 20, seed: 3, log: log);
        Assert.Equal([0, 20, 40, 60], points.Select(p => p.Step));
        Assert.True(points[^1].TestAccuracy > 0.9, $"accuracy {points[^1].TestAccuracy}");
        Assert.True(points[^1].TrainLoss < points[1].TrainLoss);
        Assert.Equal(0f, (last[0] - frozenBefore).abs().max().item<float>());
        Assert.Contains("toy: step 60/60", log.ToString());
        Assert.Contains("peak", log.ToString());
    }

    [Fact]
    public void DivergenceNamesTheStep()
    {
        var data = Separable(64, 4);
        var model = nn.Linear(4, 2);
        using (torch.no_grad()) model.weight!.fill_(float.NaN);
        var e = Assert.Throws<TrainingDivergedException>(() => GroupTrainer.Train("nan", model,
            [new("all", model.parameters().ToList(), 0.1)], data, data, steps: 3, batchSize: 8, evalEvery: 1, seed: 1, log: TextWriter.Null));
        Assert.Contains("1", e.Message);
    }

    [Fact]
    public void BadArgumentsAreNamed()
    {
        var data = Separable(16, 5);
        var model = nn.Linear(4, 2);
        var groups = new ParameterGroup[] { new("all", model.parameters().ToList(), 0.1) };
        Assert.Contains("batch size", Assert.Throws<ArgumentOutOfRangeException>(() =>
            GroupTrainer.Train("x", model, groups, data, data, 1, 17, 1, 1, TextWriter.Null)).Message);
        Assert.Contains("parameter group", Assert.Throws<ArgumentException>(() =>
            GroupTrainer.Train("x", model, [], data, data, 1, 4, 1, 1, TextWriter.Null)).Message);
    }
}
