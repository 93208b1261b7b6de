using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// The same network as a tanh <see cref="Mlp"/> — inputs → width (tanh) → … <c>depth</c> hidden tanh layers … → outputs,
/// no normalisation, no skip connections — laid out for speed when it is thousands of layers deep, as in the dynamical
/// isometry experiments of Pennington, Schoenholz &amp; Ganguli 2017 ("Resurrecting the sigmoid in deep learning through
/// dynamical isometry") and Xiao et al. 2018 (10,000-layer vanilla networks).
/// </summary>
/// <remarks>
/// <para>Parameters: <c>input.weight</c> [width, inputs], <c>input.bias</c> [width]; <c>hidden_weight</c>
/// [depth−1, width, width] and <c>hidden_bias</c> [depth−1, width], the width → width layers 1 … depth−1 stacked;
/// <c>output.weight</c> [outputs, width], <c>output.bias</c> [outputs].</para>
/// <para>Why it is faster: a width-32 layer is a few microseconds of arithmetic, so a 10,000-layer step is dominated by
/// per-operation overhead. Stacking gives the optimiser 6 tensors instead of 20,002, and the hidden stack is one autograd
/// node (<see cref="TanhStackFunction"/>): each layer one pass of managed vector code forward and one backward, weight
/// gradients formed by batched products. The function computed, and its gradients, are those of a tanh <see cref="Mlp"/> with the same
/// weights (<see cref="CopyFrom"/>).</para>
/// <para>Per-layer tools address layer l through <see cref="WeightLayerViews"/> (input layer, hidden 1 … depth−1, read-out:
/// the order and names of a tanh <see cref="Mlp"/>'s layers: <c>layers.0</c> … <c>layers.{depth−1}</c>, <c>output</c>), so <c>InitialisedWith</c> with the same seed gives both layouts the
/// same weights, and <c>GradientNorms.PerLayer</c> lists depth + 1 layers for both.</para>
/// </remarks>
public sealed class StackedTanhMlp : nn.Module<Tensor, Tensor>, IWeightLayerViews
{
    private readonly Linear input;
    private readonly Parameter hidden_weight;
    private readonly Parameter hidden_bias;
    private readonly Linear output;

    /// <summary>Builds the network with PyTorch's default initialisation U(−1/√fan_in, 1/√fan_in) for every layer,
    /// drawn in forward order from a private generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="inputs">Input features (x has shape [batch, inputs]).</param>
    /// <param name="width">Width of every hidden layer.</param>
    /// <param name="depth">Number of hidden tanh layers (≥ 1), the input layer included.</param>
    /// <param name="outputs">Output features.</param>
    /// <param name="seed">Seed for the default initialisation.</param>
    public StackedTanhMlp(int inputs, int width, int depth, int outputs, long seed = 0) : base(nameof(StackedTanhMlp))
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "StackedTanhMlp needs at least one input feature.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "StackedTanhMlp needs a positive width.");
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "StackedTanhMlp needs at least one hidden layer.");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "StackedTanhMlp needs at least one output.");
        input = nn.Linear(inputs, width);
        hidden_weight = new Parameter(torch.empty(depth - 1, width, width));
        hidden_bias = new Parameter(torch.empty(depth - 1, width));
        output = nn.Linear(width, outputs);
        RegisterComponents();
        using var generator = new Generator((ulong)seed);
        using var noGrad = torch.no_grad();
        foreach (var stack in WeightLayerStacks())                   // PyTorch's default: U(±1/√fan_in)
            stack.FillUniform(1.0 / Math.Sqrt(stack.Weights[0].shape[1]), generator);
    }

    /// <summary>Number of hidden tanh layers (the input layer included).</summary>
    public int Depth => (int)hidden_weight.shape[0] + 1;

    /// <summary>Width of the hidden layers.</summary>
    public int Width => (int)input.weight!.shape[0];

    /// <summary>The first hidden layer, inputs → width.</summary>
    public Linear Input => input;

    /// <summary>Hidden layers 1 … depth−1 stacked: [depth−1, width, width] (each slice [out, in], as a Linear weight).</summary>
    public Parameter HiddenWeight => hidden_weight;

    /// <summary>Their biases, [depth−1, width].</summary>
    public Parameter HiddenBias => hidden_bias;

    /// <summary>The linear read-out width → outputs.</summary>
    public Linear Output => output;

    /// <inheritdoc/>
    public IEnumerable<WeightLayerView> WeightLayerViews()
    {
        yield return new WeightLayerView("layers.0", input.weight!, input.bias, () => input.weight!.grad);
        for (int l = 0; l < hidden_weight.shape[0]; l++)
        {
            int k = l;
            yield return new WeightLayerView($"layers.{l + 1}", hidden_weight[k], hidden_bias[k],
                () => hidden_weight.grad is { } g ? g[k] : null);
        }
        yield return new WeightLayerView("output", output.weight!, output.bias, () => output.weight!.grad);
    }

    /// <inheritdoc/>
    public IEnumerable<WeightLayerStack> WeightLayerStacks()
    {
        yield return new WeightLayerStack(input.weight!.unsqueeze(0), input.bias?.unsqueeze(0));
        if (hidden_weight.shape[0] > 0) yield return new WeightLayerStack(hidden_weight, hidden_bias);
        yield return new WeightLayerStack(output.weight!.unsqueeze(0), output.bias?.unsqueeze(0));
    }

    /// <summary>Copies every weight and bias of a plain tanh <see cref="Mlp"/> of the same shape (e.g. a
    /// a tanh <see cref="Mlp"/>): afterwards both compute the same function.</summary>
    /// <exception cref="ArgumentException">The shapes or the activation differ; the message names the mismatch.</exception>
    public void CopyFrom(Mlp plain)
    {
        ArgumentNullException.ThrowIfNull(plain);
        if (plain.Activation != Activation.Tanh || plain.Residual || plain.Norm != Norm.None)
            throw new ArgumentException("CopyFrom needs a plain tanh Mlp without normalisation (Activation.Tanh, Norm.None).", nameof(plain));
        if (plain.Depth != Depth || plain.Layers[0].weight!.shape[0] != Width
            || plain.Layers[0].weight!.shape[1] != input.weight!.shape[1] || plain.Output.weight!.shape[0] != output.weight!.shape[0])
            throw new ArgumentException($"CopyFrom needs the same shape: this is depth {Depth}, width {Width}; the Mlp is depth {plain.Depth}, width {plain.Layers[0].weight!.shape[0]}.", nameof(plain));
        using var noGrad = torch.no_grad();
        var source = plain.Layers.Select(l => (l.weight!, l.bias)).Append((plain.Output.weight!, plain.Output.bias)).ToList();
        int i = 0;
        foreach (var layer in WeightLayerViews())
        {
            layer.Weight.copy_(source[i].Item1);
            if (layer.Bias is not null && source[i].bias is not null) layer.Bias.copy_(source[i].bias!);
            i++;
        }
    }

    /// <summary>Whether training keeps only one hidden activation per segment of layers and recomputes the rest in
    /// backward (gradient checkpointing, see <see cref="TanhStack"/>): a second forward pass buys about 1/128 of the
    /// activations' memory.</summary>
    public bool RecomputeActivations { get; init; }

    /// <summary>x: [batch, inputs] → logits [batch, outputs].</summary>
    /// <remarks>With autograd the hidden stack is one <see cref="TanhStackFunction"/> node. Without autograd (evaluation
    /// under <c>torch.no_grad()</c>) each activation is freed as soon as the next exists, so evaluating 10,000 layers
    /// holds a few activations, not 10,000.</remarks>
    public override Tensor forward(Tensor x)
    {
        var h0 = input.call(x).tanh_();                                     // [batch, width]
        if (hidden_weight.shape[0] == 0) return output.call(h0);
        bool free = !torch.is_grad_enabled();
        var h = TanhStackFunction.Run(h0, hidden_weight, hidden_bias, RecomputeActivations);   // [batch, width]
        var y = output.call(h);
        if (free) h.Dispose();
        return y;
    }
}
