using System.Globalization;
using static TorchSharp.torch;

namespace Depth;

/// <summary>What must be equal for a checkpoint to continue a run exactly: the seed, every option
/// that shapes the steps (optimiser, rates, schedule, batch size, loss, clipping; the planned
/// length only under the cosine schedule, which depends on it), the training data (name and size)
/// and the model (name and shape of every tensor of its state). Epochs, MaxSteps (otherwise),
/// logging, patience and the divergence factor may change between runs.</summary>
public static class CheckpointSettings
{
    /// <summary>The settings of a run as ordered (name, value) pairs, values in invariant
    /// culture.</summary>
    public static Dictionary<string, string> Of(TrainerOptions o, Dataset train, nn.Module model,
                                               int plannedSteps)
    {
        var c = CultureInfo.InvariantCulture;
        string R(double v) => v.ToString("R", c);
        var s = new Dictionary<string, string>
        {
            ["Seed"] = o.Seed.ToString(c),
            ["Optimizer"] = o.Optimizer.ToString(),
            ["LearningRate"] = R(o.LearningRate),
            ["Momentum"] = R(o.Momentum),
            ["WeightDecay"] = R(o.WeightDecay),
            ["Schedule"] = o.Schedule.ToString(),
        };
        if (o.Schedule == ScheduleKind.Step)
        {
            s["StepEpochs"] = o.StepEpochs.ToString(c);
            s["StepGamma"] = R(o.StepGamma);
        }
        if (o.Schedule == ScheduleKind.Cosine) s["planned steps"] = plannedSteps.ToString(c);
        s["BatchSize"] = o.BatchSize.ToString(c);
        s["Loss"] = o.Loss.ToString();
        s["ClipGradNorm"] = o.ClipGradNorm is { } clip ? R(clip) : "none";
        s["data"] = $"{train.Name} ({train.Count.ToString(c)} examples)";
        foreach (var (name, t) in model.state_dict())
            s[$"model {name}"] = "[" + string.Join(", ", t.shape) + "]";
        return s;
    }

    /// <summary>Throws <see cref="CheckpointMismatchException"/> naming the differences between the
    /// settings saved in <paramref name="path"/> and the current ones (the first three, then how
    /// many more).</summary>
    public static void Verify(string path, Dictionary<string, string>? saved,
                              Dictionary<string, string> current)
    {
        const string Fix = "delete it or choose another CheckpointPath";
        if (saved is null)
            throw new CheckpointMismatchException(
                $"checkpoint {path} holds no run settings (an older format); {Fix}", ["format"]);
        var keys = saved.Keys.Concat(current.Keys.Where(k => !saved.ContainsKey(k))).ToList();
        var names = new List<string>();
        var diffs = new List<string>();
        foreach (var k in keys)
        {
            string a = saved.GetValueOrDefault(k, "absent");
            string b = current.GetValueOrDefault(k, "absent");
            if (a == b) continue;
            names.Add(k);
            diffs.Add($"{k} {a} in the checkpoint, {b} in this run");
        }
        if (diffs.Count == 0) return;
        string more = diffs.Count > 3 ? $" and {diffs.Count - 3} more" : "";
        string first = string.Join("; ", diffs.Take(3));
        throw new CheckpointMismatchException(
            $"checkpoint {path} is from other settings: {first}{more}; {Fix}", names);
    }
}
