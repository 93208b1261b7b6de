using Depth.Charts;
using Depth.Data;
using Depth.Init;
using Depth.Models;
using Depth.Training;
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
    public void TrainIsGroupTrainerWithTheThreeGroupsAndMeasuresTheInputLayer()
    {
        var (train, eval) = (Toy(128, 1), Toy(64, 2));
        var recipe = new ThreeRateRecipe(1e-4, 1e-2, 0.1, BatchSize: 16, EvalEvery: 5, Seed: 3);
        var model = Mlp();
        var before = model.Input.weight!.detach().clone();
        var run = recipe.Train("mlp", model, train, eval, steps: 10);

        var twin = Mlp();
        var groups = new ParameterGroup[] {
            new("h", new[] { twin.HiddenWeight, twin.HiddenBias }, 1e-4),
            new("i", twin.Input.parameters().ToArray(), 1e-2),
            new("o", twin.Output.parameters().ToArray(), 0.1) };
        var points = GroupTrainer.Train("mlp", twin, groups, train, eval, 10, 16, 5, 3,
            TextWriter.Null);

        Assert.Equal(points.Select(p => (p.Step, p.TrainLoss, p.TestAccuracy)),
            run.Points.Select(p => (p.Step, p.TrainLoss, p.TestAccuracy)));
        Assert.Equal(0f, (model.Input.weight! - twin.Input.weight!).abs().max().item<float>());
        double moved = (model.Input.weight! - before).norm().item<float>();
        Assert.True(moved > 0);
        Assert.Equal(moved, run.FirstLayerChange);
        Assert.Equal(moved / 10, run.FirstLayerStep);
        Assert.Equal(("mlp", 10), (run.Name, run.Steps));
        Assert.Equal(run.Points[^1].Seconds, run.Seconds);
    }

    [Fact]
    public void AZeroInputRateLeavesTheFirstLayerWhereItWas()
    {
        var recipe = new ThreeRateRecipe(1e-3, 0, 0.1, 8, 4, 1);
        var run = recipe.Train("frozen input", Mlp(), Toy(32, 4), Toy(16, 5), steps: 4);
        Assert.Equal(0.0, run.FirstLayerChange);
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
        TrainingPoint P(string run, int step, double loss, double acc) =>
            new(run, step, step * 0.5, loss, acc, 100);
        var fast = new GroupRun("fast", 4, [P("fast", 0, double.NaN, 0.1), P("fast", 4, 0.5, 0.8)],
            2.0);
        var slow = new GroupRun("slow", 1, [P("slow", 0, double.NaN, 0.1), P("slow", 2, 2.0, 0.1)],
            0.0);
        var table = GroupRun.Summary(200, (fast, 0.75), (slow, 0.125));
        Assert.Equal("test accuracy (200 images)", table.Columns[2]);
        Assert.Equal(["fast", 4, "75.0%", "2 s", "500 ms", "100 MB"],
            table.Rows[0].Select(c => c is string s ? s.Replace(" %", "%") : c));
        Assert.Equal("1.00 s", table.Rows[1][4]);

        var accuracy = Charts.Charts.TrainingCurves("acc", [fast.Points, slow.Points],
            Metric.TestAccuracy);
        Assert.Equal(["fast", "slow"], accuracy.Traces.Select(t => t.Name));
        Assert.Equal([0.0, 4], accuracy.Traces[0].X!);
        Assert.Equal(AxisScale.Auto, accuracy.Layout.YScale);
        var loss = Charts.Charts.TrainingCurves("loss", [fast.Points, slow.Points],
            Metric.TrainLoss);
        Assert.Equal([2.0], loss.Traces[1].Y!);
        Assert.Equal(AxisScale.Log, loss.Layout.YScale);
        Assert.Throws<ArgumentException>(() => Charts.Charts.TrainingCurves("x", [fast.Points],
            Metric.TestLoss));
    }
}
