using System.Text.Json;
using System.Text.Json.Serialization;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>What a checkpoint holds besides the weights and optimiser state: the history so far,
/// early-stopping and divergence bookkeeping, where the run stands (<see cref="Step"/>, and the
/// next batch: epoch <see cref="Epoch"/> from example <see cref="Start"/> of its shuffled order,
/// with the epoch's running sums), the global torch generator's state (dropout and every other
/// draw) and the run's settings. The shuffle needs no state of its own: epoch e's order is a
/// SplitMix64 permutation seeded by (seed, e).</summary>
public sealed record CheckpointState(
    List<StepRecord> Steps, List<EpochRecord> Epochs, double BestLoss, int SinceBest)
{
    /// <summary>Optimiser steps done.</summary>
    public int Step { get; init; }
    /// <summary>The epoch (1-based) of the next step.</summary>
    public int Epoch { get; init; } = 1;
    /// <summary>Index of the next batch's first example in that epoch's shuffled order.</summary>
    public int Start { get; init; }
    /// <summary>Sum of loss × batch size over the epoch's steps so far.</summary>
    public double EpochLossSum { get; init; }
    /// <summary>Correct predictions over the epoch's steps so far.</summary>
    public double EpochCorrect { get; init; }
    /// <summary>Examples seen in the epoch so far.</summary>
    public int EpochSeen { get; init; }
    /// <summary>Training wall time before the checkpoint, in seconds.</summary>
    public double Seconds { get; init; }
    /// <summary>Loss of step 1 (the divergence reference).</summary>
    public double? FirstLoss { get; init; }
    /// <summary>Last accepted loss and its step.</summary>
    public double? LastLoss { get; init; }
    /// <inheritdoc cref="LastLoss"/>
    public int? LastStep { get; init; }
    /// <summary>The default CPU generator's state (<c>torch.random.get_rng_state</c>),
    /// base64.</summary>
    public string? GeneratorState { get; init; }
    /// <summary>The run's settings (<see cref="CheckpointSettings.Of"/>); a resume must match
    /// them.</summary>
    public Dictionary<string, string>? Settings { get; init; }
}

/// <summary>Saves and restores training: "&lt;path&gt;.model" (module state), "&lt;path&gt;.optim"
/// (optimiser state) and "&lt;path&gt;.json" (<see cref="CheckpointState"/>). Each file is written
/// to a temporary name and renamed; the JSON, written last, marks a complete checkpoint.</summary>
public static class Checkpoint
{
    private static readonly JsonSerializerOptions Json = new()
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    /// <summary>True when a complete checkpoint exists at <paramref name="path"/>.</summary>
    public static bool Exists(string path)
        => File.Exists(path + ".json") && File.Exists(path + ".model")
           && File.Exists(path + ".optim");

    /// <summary>Writes a checkpoint.</summary>
    public static void Save(string path, nn.Module model, optim.Optimizer optimizer,
                            CheckpointState state)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.Delete(path + ".json");   // incomplete until the JSON is back
        model.save(path + ".model.tmp");
        File.Move(path + ".model.tmp", path + ".model", overwrite: true);
        Helper(optimizer, path).save_state_dict(path + ".optim.tmp");
        File.Move(path + ".optim.tmp", path + ".optim", overwrite: true);
        File.WriteAllText(path + ".json.tmp", JsonSerializer.Serialize(state, Json));
        File.Move(path + ".json.tmp", path + ".json", overwrite: true);
    }

    /// <summary>Reads the state of the checkpoint at <paramref name="path"/> without touching model
    /// or optimiser. </summary>
    public static CheckpointState ReadState(string path)
        => JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(path + ".json"), Json)
           ?? throw new InvalidDataException($"{path}.json: empty checkpoint state");

    /// <summary>Restores weights and optimiser state in place and returns the saved
    /// state.</summary>
    public static CheckpointState Load(string path, nn.Module model, optim.Optimizer optimizer)
    {
        var state = ReadState(path);
        model.load(path + ".model");
        Helper(optimizer, path).load_state_dict(path + ".optim");
        return state;
    }

    /// <summary>Verifies that the checkpoint was made with <paramref name="settings"/> (<see
    /// cref="CheckpointMismatchException"/> otherwise, before anything is loaded), then restores
    /// weights, optimiser state and, when saved, the global torch generator.</summary>
    public static CheckpointState Load(string path, nn.Module model, optim.Optimizer optimizer,
                                       Dictionary<string, string> settings)
    {
        var state = ReadState(path);
        CheckpointSettings.Verify(path, state.Settings, settings);
        model.load(path + ".model");
        Helper(optimizer, path).load_state_dict(path + ".optim");
        if (state.GeneratorState is { } g) SetGeneratorState(g);
        return state;
    }

    /// <summary>The default CPU generator's state, base64 (what <see
    /// cref="CheckpointState.GeneratorState"/> holds).</summary>
    public static string GetGeneratorState()
    {
        using var s = torch.random.get_rng_state();
        return Convert.ToBase64String(s.data<byte>().ToArray());
    }

    /// <summary>Restores the default CPU generator from <see cref="GetGeneratorState"/>'s
    /// string.</summary>
    public static void SetGeneratorState(string base64)
    {
        using var s = torch.tensor(Convert.FromBase64String(base64), ScalarType.Byte);
        torch.random.set_rng_state(s);
    }

    private static TorchSharp.Modules.OptimizerHelper Helper(optim.Optimizer optimizer, string path)
        => optimizer as TorchSharp.Modules.OptimizerHelper
           ?? throw new NotSupportedException(
               $"{path}: optimizer {optimizer.GetType().Name} cannot save its state");
}
