using System.Diagnostics;
using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

[Collection(nameof(Serial))]
public class TrainingTests
{
    private static nn.Module<Tensor, Tensor> Mlp(long seed, int inputs, int hidden, int outputs)
    {
        var model = nn.Sequential(nn.Flatten(), nn.Linear(inputs, hidden), nn.ReLU(), nn.Linear(hidden, outputs));
        Depth.SeededInit.Apply(model, seed); // a private generator: other tests cannot disturb it
        return model;
    }

    [Fact]
    public void TwoLayerMlpReaches85PercentOnFullFashionMnist()
    {
        Assert.SkipUnless(DataFashionMnistTests.FullSetAvailable, "full Fashion-MNIST not installed");
        var clock = Stopwatch.StartNew();
        using var train = FashionMnist.Load(Split.Train, DataFashionMnistTests.SystemOnly);
        using var test = FashionMnist.Load(Split.Test, DataFashionMnistTests.SystemOnly);
        var model = Mlp(1, 784, 256, 10);
        var history = Trainer.Train(model, train, test, new TrainerOptions { Epochs = 3, BatchSize = 128, LearningRate = 1e-3, Seed = 1, RecordSteps = false });
        clock.Stop();
        TestContext.Current.SendDiagnosticMessage($"MLP 784-256-10, Adam, 3 epochs: test accuracy {history.Last.TestAccuracy:P2}, total {clock.Elapsed.TotalSeconds:F1}s (training {history.Seconds:F1}s)");
        Assert.True(history.Last.TestAccuracy >= 0.85, $"test accuracy {history.Last.TestAccuracy:P2} < 85 %");
    }

    [Fact]
    public void SameSeedGivesIdenticalHistories()
    {
        using var train = Synthetic.TwoSpirals(512, seed: 3);
        using var test = Synthetic.TwoSpirals(256, seed: 4);
        History Run() => Trainer.Train(Mlp(5, 2, 32, 2), train, test, new TrainerOptions { Epochs = 3, BatchSize = 32, Seed = 9, LearningRate = 1e-2 });
        var a = Run();
        var b = Run();
        Assert.Equal(a.Steps.Select(s => s.Loss), b.Steps.Select(s => s.Loss));
        Assert.Equal(a.Epochs.Select(e => (e.TrainLoss, e.TestLoss, e.TestAccuracy)), b.Epochs.Select(e => (e.TrainLoss, e.TestLoss, e.TestAccuracy)));
        var c = Trainer.Train(Mlp(5, 2, 32, 2), train, test, new TrainerOptions { Epochs = 3, BatchSize = 32, Seed = 10, LearningRate = 1e-2 });
        Assert.NotEqual(a.Steps.Select(s => s.Loss), c.Steps.Select(s => s.Loss));
    }

    [Fact]
    public void TestingFewerEpochsTrainsTheSameNetwork()
    {
        using var train = Synthetic.TwoSpirals(512, seed: 3);
        using var test = Synthetic.TwoSpirals(256, seed: 4);
        var options = new TrainerOptions { Epochs = 5, BatchSize = 32, Seed = 9, LearningRate = 1e-2 };
        var every = Trainer.Train(Mlp(5, 2, 32, 2), train, test, options);
        var last = Trainer.Train(Mlp(5, 2, 32, 2), train, test, options with { TestEvery = 0 });
        Assert.Equal(every.Steps.Select(s => s.Loss), last.Steps.Select(s => s.Loss));
        Assert.Equal(every.Epochs.Select(e => e.TrainLoss), last.Epochs.Select(e => e.TrainLoss));
        Assert.All(last.Epochs.SkipLast(1), e => Assert.True(double.IsNaN(e.TestLoss) && double.IsNaN(e.TestAccuracy)));
        Assert.Equal((every.Last.TestLoss, every.TestAccuracy), (last.Last.TestLoss, last.TestAccuracy));
        var second = Trainer.Train(Mlp(5, 2, 32, 2), train, test, options with { TestEvery = 2 });
        Assert.Equal([2, 4, 5], second.Epochs.Where(e => !double.IsNaN(e.TestLoss)).Select(e => e.Epoch));
        Assert.Equal(every.Epochs.Where(e => e.Epoch is 2 or 4 or 5).Select(e => e.TestAccuracy),
            second.Epochs.Where(e => !double.IsNaN(e.TestAccuracy)).Select(e => e.TestAccuracy));
        Assert.Equal([2.0, 4.0, 5.0], Charts.Series(second, Metric.TestAccuracy).X);   // untested epochs are not drawn
        var capped = Trainer.Train(Mlp(5, 2, 32, 2), train, test, options with { TestEvery = 0, MaxSteps = 20 });
        Assert.False(double.IsNaN(capped.TestAccuracy));   // a run cut by MaxSteps is tested where it stops
        var refused = Assert.Throws<ArgumentException>(() => Trainer.Train(Mlp(5, 2, 32, 2), train, test,
            options with { TestEvery = 2, EarlyStoppingPatience = 2 }));
        Assert.Contains("early stopping", refused.Message);
        Assert.Throws<ArgumentException>(() => Trainer.Train(Mlp(5, 2, 32, 2), train, test, options with { TestEvery = -1 }));
    }

    [Fact]
    public void MemoryStaysFlatOver1000Steps()
    {
        using var train = Synthetic.TeacherStudent(256, 20, seed: 1);
        var model = Mlp(2, 20, 64, 2);
        var live = new List<(int Step, long Tensors, long Rss)>();
        var history = Trainer.Train(model, train, null, new TrainerOptions
        {
            Epochs = 1000, MaxSteps = 1000, BatchSize = 64, Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, ClipGradNorm = 1.0, ProgressEvery = 100,
            Progress = p =>
            {
                if (p.EpochDone is null)
                {
                    using var proc = Process.GetCurrentProcess();
                    live.Add((p.Step, DisposeScopeManager.Statistics.ThreadTotalLiveCount, proc.WorkingSet64));
                }
            },
        });
        Assert.Equal(1000, history.Steps.Count);
        Assert.Equal(10, live.Count);
        var warm = live[1];
        Assert.All(live.Skip(1), l => Assert.Equal(warm.Tensors, l.Tensors));
        Assert.True(live[^1].Rss - warm.Rss < 32L << 20, $"RSS grew by {(live[^1].Rss - warm.Rss) >> 20} MiB between step {warm.Step} and 1000");
    }

    [Fact]
    public void DivergenceStopsWithStepAndLastFiniteLoss()
    {
        using var train = Synthetic.TwoSpirals(256, seed: 1);
        var model = Mlp(3, 2, 16, 2);
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Train(model, train, null,
            new TrainerOptions
            {
                Optimizer = OptimizerKind.Sgd, LearningRate = 1e12, Momentum = 0,
                Epochs = 50, BatchSize = 32,
                DivergenceFactor = null,   // only NaN/∞ stop this run
            }));
        Assert.False(double.IsFinite(e.Loss));
        Assert.Null(e.Factor);
        Assert.True(e.Step > 1);
        Assert.Equal(e.Step - 1, e.LastFiniteStep);
        Assert.True(double.IsFinite(e.LastFiniteLoss!.Value));
        Assert.StartsWith($"diverged at step {e.Step}: loss = ", e.Message);
        Assert.Contains($"at step {e.Step - 1})", e.Message);
    }

    [Fact]
    public void AFiniteLossPastTheFactorStopsTheRunWithStepAndLosses()
    {
        // Learning rate 1e3 gives huge but finite losses: the factor, not NaN, must stop the run.
        using var train = Synthetic.TwoSpirals(256, seed: 1);
        var options = new TrainerOptions
        {
            LearningRate = 1e3, Epochs = 2, BatchSize = 32, Seed = 1,
        };
        var unguarded = Trainer.Train(Mlp(3, 2, 16, 2), train, null,
                                      options with { DivergenceFactor = null });
        var losses = unguarded.Steps.Select(s => s.Loss).ToList();
        Assert.Equal(16, losses.Count);
        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
        int firstOver = losses.FindIndex(l => l > 100 * losses[0]) + 1;   // 1-based step
        Assert.True(firstOver > 1, $"the run never exceeds 100 × its first loss {losses[0]:G3}");

        var e = Assert.Throws<TrainingDivergedException>(
            () => Trainer.Train(Mlp(3, 2, 16, 2), train, null, options));
        Assert.Equal(100.0, e.Factor!.Value);
        Assert.Equal(firstOver, e.Step);
        Assert.Equal(losses[firstOver - 1], e.Loss);
        Assert.Equal(losses[0], e.FirstLoss);
        Assert.Equal(firstOver - 1, e.LastFiniteStep);
        Assert.Equal(losses[firstOver - 2], e.LastFiniteLoss);
        Assert.StartsWith($"diverged at step {e.Step}: loss = ", e.Message);
        Assert.Contains("over 100 × the first step's loss", e.Message);
        TestContext.Current.SendDiagnosticMessage($"lr 1e3, Adam, two spirals: {e.Message}");
        Assert.DoesNotContain("\n", e.Message);

        var tighter = Assert.Throws<TrainingDivergedException>(
            () => Trainer.Train(Mlp(3, 2, 16, 2), train, null,
                                options with { DivergenceFactor = 1.5 }));
        Assert.True(tighter.Step <= e.Step);
        Assert.Throws<ArgumentOutOfRangeException>(
            () => Trainer.Train(Mlp(3, 2, 16, 2), train, null,
                                options with { DivergenceFactor = 1 }));
    }

    [Fact]
    public void RegressionOnTheSawtoothReducesMse()
    {
        using var data = Synthetic.Sawtooth(k: 1, n: 256);
        torch.manual_seed(4);
        var model = nn.Sequential(nn.Linear(1, 32), nn.ReLU(), nn.Linear(32, 32), nn.ReLU(), nn.Linear(32, 1));
        var h = Trainer.Train(model, data, data, new TrainerOptions { Loss = LossKind.MeanSquaredError, Epochs = 60, BatchSize = 32, LearningRate = 1e-2, Seed = 2 });
        Assert.True(double.IsNaN(h.Last.TestAccuracy));
        Assert.True(h.Last.TestLoss < h.Epochs[0].TestLoss / 4, $"MSE {h.Epochs[0].TestLoss:G3} → {h.Last.TestLoss:G3}");
    }

    [Fact]
    public void CheckpointResumeGivesTheSameHistoryAsOneRun()
    {
        using var tmp = new TempFolder();
        using var train = Synthetic.TwoSpirals(256, seed: 5);
        var options = new TrainerOptions { Epochs = 4, BatchSize = 32, Seed = 3, LearningRate = 1e-2, Optimizer = OptimizerKind.RmsProp, Momentum = 0 };
        var straight = Trainer.Train(Mlp(6, 2, 16, 2), train, train, options);

        var path = tmp.File("ckpt");
        var first = Trainer.Train(Mlp(6, 2, 16, 2), train, train, options with { Epochs = 2, CheckpointPath = path });
        Assert.Equal(2, first.Epochs.Count);
        var resumed = Trainer.Train(Mlp(99, 2, 16, 2), train, train, options with { CheckpointPath = path });   // other init: weights come from the checkpoint
        Assert.Equal(4, resumed.Epochs.Count);
        Assert.Equal(straight.Steps.Select(s => s.Loss), resumed.Steps.Select(s => s.Loss));
        Assert.Equal(straight.Epochs.Select(e => e.TestLoss), resumed.Epochs.Select(e => e.TestLoss));
    }

    [Fact]
    public void EarlyStoppingStopsWhenTheTestLossStallsAndSchedulesShapeTheRate()
    {
        using var train = Synthetic.TwoSpirals(128, seed: 1);
        using var test = Synthetic.TwoSpirals(128, seed: 2);
        var h = Trainer.Train(Mlp(1, 2, 8, 2), train, test, new TrainerOptions { Epochs = 200, BatchSize = 64, LearningRate = 0, Optimizer = OptimizerKind.Sgd, EarlyStoppingPatience = 3 });
        Assert.Equal(4, h.Epochs.Count);   // lr 0: epoch 1 sets the best, epochs 2-4 do not improve
        Assert.StartsWith("early stopping after epoch 4", h.StopReason);

        var cos = Trainer.Train(Mlp(1, 2, 8, 2), train, null, new TrainerOptions { Epochs = 4, BatchSize = 32, LearningRate = 0.1, Schedule = ScheduleKind.Cosine, Optimizer = OptimizerKind.Sgd });
        Assert.Equal(0.1, cos.Steps[0].LearningRate, 12);
        Assert.Equal(0.05, cos.Steps[cos.Steps.Count / 2].LearningRate, 12);
        var step = Trainer.Train(Mlp(1, 2, 8, 2), train, null, new TrainerOptions { Epochs = 3, BatchSize = 64, LearningRate = 0.1, Schedule = ScheduleKind.Step, StepEpochs = 2, StepGamma = 0.5, Optimizer = OptimizerKind.Sgd });
        Assert.Equal([0.1, 0.1, 0.1, 0.1, 0.05, 0.05], step.Steps.Select(s => Math.Round(s.LearningRate, 12)));
    }

    [Fact]
    public void LabelNoiseCorruptsExactlyTheFractionAndRandomLabelsCoverClasses()
    {
        using var test = FashionMnist.LoadSubset(Split.Test);
        using var noisy = Labels.WithNoise(test, 0.25, seed: 1);
        var clean = test.TargetsAsLabels();
        Assert.Equal(500, clean.Zip(noisy.TargetsAsLabels()).Count(p => p.First != p.Second));
        using var random = Labels.Random(test, seed: 2);
        using var other = Labels.Random(test, seed: 3);
        var randomLabels = random.TargetsAsLabels();
        Assert.All(random.ClassCounts(), c => Assert.Equal(200, c));
        // Every class of 200 gets each of the 10 labels 20 times: no label says anything about the class.
        foreach (var byClass in clean.Zip(randomLabels).GroupBy(p => p.First))
            Assert.All(byClass.GroupBy(p => p.Second), g => Assert.Equal(20, g.Count()));
        Assert.True(randomLabels.Zip(other.TargetsAsLabels()).Count(p => p.First != p.Second) > 1500);
    }

    [Fact]
    public void ProgressLinesAreWrittenEveryNSteps()
    {
        using var train = Synthetic.TwoSpirals(128, seed: 1);
        var log = new StringWriter();
        Trainer.Train(Mlp(1, 2, 8, 2), train, null, new TrainerOptions { Epochs = 2, BatchSize = 16, ProgressEvery = 4, Log = log });
        var lines = log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(16 / 4 + 2, lines.Length);   // 16 steps → 4 step lines, plus 2 epoch lines
        Assert.StartsWith("step 4/16 epoch 1 loss ", lines[0]);
        Assert.StartsWith("epoch 2: train loss ", lines[^1]);
    }
}
