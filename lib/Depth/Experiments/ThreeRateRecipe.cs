using TorchSharp.Modules;
using static TorchSharp.torch;


namespace Depth;

/// <summary>
/// The recipe lessons 07 and 08 train every 10,000-layer network with: Adam with one learning rate
/// per kind of layer — the stacked hidden layers, the input side (MLP input layer or CNN stem), the
/// read-out — all decayed to 0 along a cosine (Loshchilov &amp; Hutter 2017, SGDR,
/// arXiv:1608.03983), mini-batches in a seeded order, progress every <paramref name="EvalEvery"/>
/// steps (<see cref="Trainer"/> with <see cref="TrainerOptions.Groups"/>). Adam moves each weight by about its rate per step, so each
/// rate is set by the size its weights live at and by how many layers repeat the change.
/// </summary>
/// <param name="HiddenRate">Adam rate of the stacked hidden layers (<c>hidden_weight</c>,
/// <c>hidden_bias</c>).</param>
/// <param name="InputRate">Adam rate of the layers that read the input (MLP input layer, CNN
/// stem).</param>
/// <param name="ReadoutRate">Adam rate of the read-out (MLP output layer, CNN classifier).</param>
/// <param name="BatchSize">Examples per step.</param>
/// <param name="EvalEvery">Steps between progress points.</param>
/// <param name="Seed">Seed of the order of the examples.</param>
public sealed record ThreeRateRecipe(double HiddenRate, double InputRate, double ReadoutRate,
    int BatchSize, int EvalEvery, long Seed)
{
    /// <summary>The MLP's groups, in this order: hidden stack, input layer, read-out.</summary>
    public ParameterGroup[] Groups(StackedTanhMlp model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [
            new("hidden layers", new Parameter[] { model.HiddenWeight, model.HiddenBias },
                HiddenRate),
            new("input layer", model.Input.parameters().ToArray(), InputRate),
            new("read-out", model.Output.parameters().ToArray(), ReadoutRate)];
    }

    /// <summary>The CNN's groups, in this order: same-size kernels (stacked), stem,
    /// classifier.</summary>
    public ParameterGroup[] Groups(StackedTanhCnn model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [
            new("same-size kernels", new Parameter[] { model.HiddenWeight, model.HiddenBias },
                HiddenRate),
            new("stem", model.Stem.SelectMany(c => c.parameters()).ToArray(), InputRate),
            new("classifier", model.Classifier.parameters().ToArray(), ReadoutRate)];
    }

    /// <summary>Trains the MLP for <paramref name="steps"/> steps on <paramref name="train"/>
    /// (inputs [N, features]), evaluating on <paramref name="eval"/>; the history's watched
    /// tensor is the input layer's weight.</summary>
    public History Train(string name, StackedTanhMlp model, Dataset train, Dataset eval, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Trainer.Train(model, train, eval, Options(name, Groups(model), model.Input.weight!, steps));
    }

    /// <summary>Trains the CNN for <paramref name="steps"/> steps on <paramref name="train"/>
    /// (images [N, C, H, W]), evaluating on <paramref name="eval"/>; the history's watched tensor
    /// is the stem's first convolution weight.</summary>
    public History Train(string name, StackedTanhCnn model, Dataset train, Dataset eval, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Trainer.Train(model, train, eval, Options(name, Groups(model), model.Stem[0].weight!, steps));
    }

    // Adam, the groups' rates decayed to 0 along one cosine, one seeded shuffle cut into windows
    // (a run is shorter than a pass over the data), progress lines to the console, and only NaN/∞
    // counted as divergence: these runs start at ln 10 and their loss never grows 100×.
    TrainerOptions Options(string name, ParameterGroup[] groups, Tensor first, int steps) => new()
    {
        Name = name, Optimizer = OptimizerKind.Adam, Groups = groups, Schedule = ScheduleKind.Cosine,
        Order = BatchOrder.OneShuffle, MaxSteps = steps, BatchSize = BatchSize, Seed = Seed,
        EvaluateEvery = EvalEvery, Watch = first, DivergenceFactor = null, RecordSteps = false,
        ProgressEvery = 0, Log = Console.Out,
    };
}
