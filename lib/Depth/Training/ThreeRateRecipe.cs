using Depth.Data;
using Depth.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth.Training;

/// <summary>
/// The recipe lessons 07 and 08 train every 10,000-layer network with: Adam with one learning rate
/// per kind of layer — the stacked hidden layers, the input side (MLP input layer or CNN stem), the
/// read-out — all decayed to 0 along a cosine (Loshchilov &amp; Hutter 2017, SGDR,
/// arXiv:1608.03983), mini-batches in a seeded order, progress every <paramref name="EvalEvery"/>
/// steps (<see cref="GroupTrainer"/>). Adam moves each weight by about its rate per step, so each
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
    /// (inputs [N, features]), evaluating on <paramref name="eval"/>; the first layer watched is
    /// its input layer.</summary>
    public GroupRun Train(string name, StackedTanhMlp model, Dataset train, Dataset eval, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Run(name, model, Groups(model), model.Input.weight!, train, eval, steps);
    }

    /// <summary>Trains the CNN for <paramref name="steps"/> steps on <paramref name="train"/>
    /// (images [N, C, H, W]), evaluating on <paramref name="eval"/>; the first layer watched is the
    /// stem's first convolution.</summary>
    public GroupRun Train(string name, StackedTanhCnn model, Dataset train, Dataset eval, int steps)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Run(name, model, Groups(model), model.Stem[0].weight!, train, eval, steps);
    }

    GroupRun Run(string name, nn.Module<Tensor, Tensor> model, ParameterGroup[] groups,
        Tensor first,
        Dataset train, Dataset eval, int steps)
    {
        using var before = first.detach().clone();
        var points = GroupTrainer.Train(name, model, groups, train, eval, steps, BatchSize,
            EvalEvery, Seed);
        double change;
        using (no_grad())
        using (NewDisposeScope())
            change = (first - before).norm().item<float>();
        return new GroupRun(name, steps, points, change);
    }
}
