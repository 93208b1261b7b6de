using System.Text.Json;
using System.Text.Json.Serialization;
using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>Exact resume (dropout included); checkpoints from other settings refused.</summary>
[Collection(nameof(Serial))]   // the global torch generator
public class TrainingCheckpointTests
{
    private static nn.Module<Tensor, Tensor> DropoutMlp(long seed, int hidden = 32)
    {
        var model = nn.Sequential(
            nn.Linear(2, hidden), nn.ReLU(), nn.Dropout(0.5), nn.Linear(hidden, 2));
        Depth.SeededInit.Apply(model, seed);
        return model;
    }

    private sealed class Killed : Exception;

    private static readonly JsonSerializerOptions NamedFloats = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    // 256 examples in batches of 32: 8 steps an epoch, 24 in all; the kill comes at step 12,
    // in the middle of epoch 2.
    private static TrainerOptions Options(string? path) => new()
    {
        Epochs = 3, BatchSize = 32, Seed = 7, LearningRate = 1e-2, Schedule = ScheduleKind.Cosine,
        CheckpointPath = path, CheckpointEvery = 4,
    };

    private static void TrainUntilKilled(Dataset train, string path, int killAt)
        => Assert.Throws<Killed>(() => Trainer.Train(DropoutMlp(6), train, train, Options(path) with
        {
            ProgressEvery = 1,
            Progress = p => { if (p.EpochDone is null && p.Step == killAt) throw new Killed(); },
        }));

    [Fact]
    public void ResumingAfterAKillMidEpochReproducesTheRunBitForBitWithDropout()
    {
        using var tmp = new TempFolder();
        using var train = Synthetic.TwoSpirals(256, seed: 5);
        var straight = Trainer.Train(DropoutMlp(6), train, train, Options(null));
        Assert.Equal(24, straight.Steps.Count);

        var path = tmp.File("ckpt");
        TrainUntilKilled(train, path, killAt: 12);
        Assert.Equal(12, Checkpoint.ReadState(path).Step);
        torch.manual_seed(12345);
        torch.rand(1000).Dispose();   // whatever ran in between, the generator is restored
        // Another init: the weights come from the file.
        var resumed = Trainer.Train(DropoutMlp(99), train, train, Options(path));
        Assert.Equal(straight.Steps.Select(s => s.Loss), resumed.Steps.Select(s => s.Loss));
        Assert.Equal(straight.Steps.Select(s => s.LearningRate),
                     resumed.Steps.Select(s => s.LearningRate));
        static object Epoch(EpochRecord e) => (e.Steps, e.TrainLoss, e.TrainAccuracy, e.TestLoss);
        Assert.Equal(straight.Epochs.Select(Epoch), resumed.Epochs.Select(Epoch));

        // The test can fail: the same resume without the saved generator state (the old
        // behaviour) differs.
        var oldPath = tmp.File("old");
        TrainUntilKilled(train, oldPath, killAt: 12);
        var state = Checkpoint.ReadState(oldPath) with { GeneratorState = null };
        File.WriteAllText(oldPath + ".json", JsonSerializer.Serialize(state, NamedFloats));
        var reseeded = Trainer.Train(DropoutMlp(99), train, train, Options(oldPath));
        Assert.Equal(straight.Steps.Take(12).Select(s => s.Loss),
                     reseeded.Steps.Take(12).Select(s => s.Loss));
        int differ = straight.Steps.Zip(reseeded.Steps).Count(p => p.First.Loss != p.Second.Loss);
        Assert.True(differ >= 6,
                    $"only {differ} of the 12 resumed steps differ without the generator state");
    }

    [Fact]
    public void StoppingAtMaxStepsMidEpochThenAskingForMoreContinuesTheSameRun()
    {
        using var tmp = new TempFolder();
        using var train = Synthetic.TwoSpirals(256, seed: 5);
        var options = Options(tmp.File("ckpt")) with
        {
            Schedule = ScheduleKind.Constant, CheckpointEvery = null,
        };
        var straight = Trainer.Train(DropoutMlp(6), train, train,
                                     options with { CheckpointPath = null });

        var cut = Trainer.Train(DropoutMlp(6), train, train, options with { MaxSteps = 12 });
        Assert.Equal(12, cut.Steps.Count);
        // Epoch 2 is recorded after 4 of its 8 steps, then finished and recorded once.
        Assert.Equal([8, 12], cut.Epochs.Select(e => e.Steps));
        var resumed = Trainer.Train(DropoutMlp(99), train, train, options);
        Assert.Equal(straight.Steps.Select(s => s.Loss), resumed.Steps.Select(s => s.Loss));
        Assert.Equal([8, 16, 24], resumed.Epochs.Select(e => e.Steps));
        Assert.Equal(straight.Epochs.Select(e => (e.TrainLoss, e.TestLoss)),
                     resumed.Epochs.Select(e => (e.TrainLoss, e.TestLoss)));
    }

    [Fact]
    public void ACheckpointFromOtherSettingsIsRefusedWithOneLineNamingTheDifference()
    {
        using var tmp = new TempFolder();
        using var train = Synthetic.TwoSpirals(128, seed: 5);
        var path = tmp.File("ckpt");
        var options = new TrainerOptions
        {
            Epochs = 1, BatchSize = 32, Seed = 7, CheckpointPath = path,
        };
        Trainer.Train(DropoutMlp(6), train, null, options);

        CheckpointMismatchException Refused(TrainerOptions o, int hidden = 32)
        {
            var model = DropoutMlp(99, hidden);
            var before = model.parameters().Select(p => p.clone()).ToList();
            var e = Assert.Throws<CheckpointMismatchException>(
                () => Trainer.Train(model, train, null, o));
            Assert.All(model.parameters().Zip(before),   // refused before loading anything
                       p => Assert.True(p.First.eq(p.Second).all().item<bool>()));
            Assert.DoesNotContain("\n", e.Message);
            Assert.StartsWith($"checkpoint {path} is from other settings: ", e.Message);
            return e;
        }

        var seed = Refused(options with { Seed = 8, Epochs = 2 });
        Assert.Equal(["Seed"], seed.Differences);
        Assert.Contains("Seed 7 in the checkpoint, 8 in this run", seed.Message);

        var rate = Refused(options with { LearningRate = 3e-3, Epochs = 2 });
        Assert.Equal(["LearningRate"], rate.Differences);
        Assert.Contains("LearningRate 0.001 in the checkpoint, 0.003 in this run", rate.Message);

        var shape = Refused(options with { Epochs = 2 }, hidden: 16);
        Assert.Equal(["model 0.weight", "model 0.bias", "model 3.weight"], shape.Differences);
        Assert.Contains("model 0.weight [32, 2] in the checkpoint, [16, 2] in this run",
                        shape.Message);

        using var other = Synthetic.TwoSpirals(96, seed: 5);
        var data = Assert.Throws<CheckpointMismatchException>(
            () => Trainer.Train(DropoutMlp(6), other, null, options));
        Assert.Equal(["data"], data.Differences);

        File.Copy(path + ".json", path + ".json.saved");
        var old = Checkpoint.ReadState(path) with { Settings = null };
        File.WriteAllText(path + ".json", JsonSerializer.Serialize(old, NamedFloats));
        var format = Assert.Throws<CheckpointMismatchException>(
            () => Trainer.Train(DropoutMlp(6), train, null, options));
        Assert.Equal($"checkpoint {path} holds no run settings (an older format); "
                     + "delete it or choose another CheckpointPath", format.Message);
        File.Move(path + ".json.saved", path + ".json", overwrite: true);

        // More epochs and another divergence factor: the same run, continued.
        var resumed = Trainer.Train(DropoutMlp(99), train, null,
                                    options with { Epochs = 2, DivergenceFactor = 10 });
        Assert.Equal(2, resumed.Epochs.Count);
    }
}
