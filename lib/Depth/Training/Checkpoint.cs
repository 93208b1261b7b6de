using System.Text.Json;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Training;

/// <summary>What a checkpoint holds besides the weights and optimiser state.</summary>
public sealed record CheckpointState(List<StepRecord> Steps, List<EpochRecord> Epochs, double BestLoss, int SinceBest);

/// <summary>Saves and restores training at epoch boundaries: "&lt;path&gt;.model" (module state),
/// "&lt;path&gt;.optim" (optimiser state) and "&lt;path&gt;.json" (history so far). Each file is written to a
/// temporary name and renamed; the JSON, written last, marks a complete checkpoint.</summary>
public static class Checkpoint
{
    private static readonly JsonSerializerOptions Json = new() { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    /// <summary>True when a complete checkpoint exists at <paramref name="path"/>.</summary>
    public static bool Exists(string path) => File.Exists(path + ".json") && File.Exists(path + ".model") && File.Exists(path + ".optim");

    /// <summary>Writes a checkpoint.</summary>
    public static void Save(string path, nn.Module model, optim.Optimizer optimizer, CheckpointState state)
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

    private static TorchSharp.Modules.OptimizerHelper Helper(optim.Optimizer optimizer, string path)
        => optimizer as TorchSharp.Modules.OptimizerHelper
           ?? throw new NotSupportedException($"{path}: optimizer {optimizer.GetType().Name} cannot save its state");

    /// <summary>Restores weights and optimiser state in place and returns the saved history.</summary>
    public static CheckpointState Load(string path, nn.Module model, optim.Optimizer optimizer)
    {
        model.load(path + ".model");
        Helper(optimizer, path).load_state_dict(path + ".optim");
        return JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(path + ".json"), Json)
               ?? throw new InvalidDataException($"{path}.json: empty checkpoint state");
    }
}
