using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

public class TrainingThreeRateRecipeTests
{
    static Dataset Toy(int count, long seed)
    {
        using var g = new Generator((ulong)seed);
        var x = torch.randn([count, 6], generator: g);
        return new Dataset("toy", x, x[.., 0].gt(0).to(ScalarType.Int64));
    }

    static StackedTanhMlp Mlp() =>
        new StackedTanhMlp(6, 4, 3, 2).InitialisedWith(InitScheme.Critical(1.1, 1e-4, true), 7);

    [Fact]
    public void TrainUsesTheThreeGroupsAndWatchesTheInputLayer()
    {
        var (train, eval) = (Toy(128, 1), Toy(64, 2));
        var recipe = new ThreeRateRecipe(1e-4, 1e-2, 0.1, BatchSize: 16, EvalEvery: 5, Seed: 3);
        var model = Mlp();
        var before = model.Input.weight!.detach().clone();
        var hiddenBefore = model.HiddenWeight.detach().clone();
        var run = recipe.Train("mlp", model, train, eval, steps: 10);

        Assert.Equal([0, 5, 10], run.Evaluations.Select(p => p.Step));
        double moved = (model.Input.weight! - before).norm().item<float>();
        Assert.True(moved > 0);
        Assert.Equal(moved, run.WatchedChange);
        Assert.Equal(moved / 10, run.WatchedChangePerStep);
        Assert.Equal(("mlp", 10), (run.Name, run.StepCount));
        // Adam moves each weight by about its rate per step: the hidden stack (1e-4) far less than the input layer.
        double hiddenMoved = (model.HiddenWeight - hiddenBefore).abs().max().item<float>();
        Assert.InRange(hiddenMoved, 1e-6, 10 * 1e-4);
        var twin = recipe.Train("mlp", Mlp(), train, eval, steps: 10);
        Assert.Equal(run.Evaluations.Select(p => (p.TrainLoss, p.TestAccuracy)),
            twin.Evaluations.Select(p => (p.TrainLoss, p.TestAccuracy)));
    }

    [Fact]
    public void AZeroInputRateLeavesTheFirstLayerWhereItWas()
    {
        var recipe = new ThreeRateRecipe(1e-3, 0, 0.1, 8, 4, 1);
        var run = recipe.Train("frozen input", Mlp(), Toy(32, 4), Toy(16, 5), steps: 4);
        Assert.Equal(0.0, run.WatchedChange);
    }

    [Fact]
    public void TheCnnGroupsHoldEveryParameterOnceWithItsRate()
    {
        var cnn = new StackedTanhCnn(1, 4, 5, 3, stridedLayers: 2);
        var groups = new ThreeRateRecipe(1e-6, 1e-2, 1, 8, 1, 1).Groups(cnn);
        Assert.Equal([1e-6, 1e-2, 1], groups.Select(g => g.LearningRate));
        Assert.Same(cnn.HiddenWeight, groups[0].Parameters[0]);
        var grouped = groups.SelectMany(g => g.Parameters).ToList();
        Assert.Equal(cnn.parameters().Count(), grouped.Count);
        Assert.All(cnn.parameters(), p => Assert.Single(grouped, q => ReferenceEquals(q, p)));
        Assert.Contains(cnn.Stem[0].weight!, groups[1].Parameters);
    }

    [Fact]
    public void SummaryAndCurvesShowEveryRun()
    {
        EvaluationRecord P(int step, double loss, double acc) => new(step, step * 0.5, loss, 1, acc, 100);
        var fast = new History { Name = "fast", StepCount = 4,
            Evaluations = [P(0, double.NaN, 0.1), P(4, 0.5, 0.8)] };
        var slow = new History { Name = "slow", StepCount = 1,
            Evaluations = [P(0, double.NaN, 0.1), P(2, 2.0, 0.1)] };
        var table = History.Summary(200, (fast, 0.75), (slow, 0.125));
        Assert.Equal("test accuracy (200 images)", table.Columns[2]);
        Assert.Equal(["fast", 4, "75.0%", "2 s", "500 ms", "100 MB"],
            table.Rows[0].Select(c => c is string s ? s.Replace(" %", "%") : c));
        Assert.Equal("1.00 s", table.Rows[1][4]);

        var accuracy = Charts.LearningCurves([fast, slow], Metric.TestAccuracy);
        Assert.Equal(["fast", "slow"], accuracy.Traces.Select(t => t.Name));
        Assert.Equal([0.0, 4], accuracy.Traces[0].X!);
        Assert.Equal("step", accuracy.Layout.XTitle);
        Assert.Equal(AxisScale.Auto, accuracy.Layout.YScale);
        var loss = Charts.LearningCurves([fast, slow], Metric.TrainLoss);
        Assert.Equal([2.0], loss.Traces[1].Y!);
        Assert.Equal(AxisScale.Log, loss.Layout.YScale);
        Assert.Throws<ArgumentException>(() => Charts.LearningCurves([fast], Metric.TrainAccuracy));
    }
}
