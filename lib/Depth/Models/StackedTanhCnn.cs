using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// The vanilla deep tanh CNN of Xiao et al. (2018, "Dynamical Isometry and a Mean Field
/// Theory of CNNs: How to Train 10,000-Layer Vanilla Convolutional Neural Networks") — a stem of stride-2 3×3
/// convolutions, then same-size 3×3 convolutions (stride 1, padding 1) up to <c>depth</c>, tanh after each, no
/// normalisation, no skip connections, global average pooling and a linear classifier — with the same-size
/// convolutions' kernels stacked in one parameter, for training thousands of layers on a CPU.
/// </summary>
/// <remarks>
/// <para>Shapes: x [batch, inChannels, H, W] → stem → [batch, channels, ⌈H/2^s⌉, ⌈W/2^s⌉] (s = stridedLayers) → the
/// stack, same shape → mean over H, W → [batch, channels] → logits [batch, classes].</para>
/// <para>Parameters: <c>stem.i.weight</c>/<c>.bias</c>; <c>hidden_weight</c> [depth−s, channels, channels, 3, 3] and
/// <c>hidden_bias</c> [depth−s, channels]; <c>fc.weight</c>, <c>fc.bias</c>. The optimiser sees a few tensors instead of
/// 2·depth, and backward stacks the per-layer kernel gradients (the <c>unbind</c> views) into one tensor.</para>
/// <para>Layers are listed as the same network built from one <c>Conv2d</c> per layer names them — <c>layers.0</c> …
/// <c>layers.{depth−1}</c>, then <c>fc</c> — through <see cref="WeightLayerViews"/>, so <c>InitialisedWith</c> (e.g.
/// delta-orthogonal at a critical point) and <c>GradientNorms.PerLayer</c> work on it layer by layer (the tests compare
/// both forms' outputs and gradients).</para>
/// </remarks>
public sealed class StackedTanhCnn : nn.Module<Tensor, Tensor>, IWeightLayerViews
{
    private readonly ModuleList<Conv2d> stem;
    private readonly Parameter hidden_weight;
    private readonly Parameter hidden_bias;
    private readonly Linear fc;
    private readonly Conv2d[] stemArray;

    /// <summary>Builds the network with PyTorch's default initialisation U(−1/√fan_in, 1/√fan_in), drawn in layer order
    /// from a private generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="inChannels">Input channels (1 for Fashion-MNIST).</param>
    /// <param name="channels">Channels of every convolution.</param>
    /// <param name="depth">Total number of convolutions, the strided ones included (≥ <paramref name="stridedLayers"/>).</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="stridedLayers">How many leading convolutions have stride 2 (each halves H and W; at least 1).</param>
    /// <param name="seed">Seed for the default initialisation.</param>
    public StackedTanhCnn(int inChannels, int channels, int depth, int classes, int stridedLayers = 2, long seed = 0)
        : base(nameof(StackedTanhCnn))
    {
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "StackedTanhCnn needs at least one input channel.");
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "StackedTanhCnn needs a positive channel count.");
        if (stridedLayers < 1) throw new ArgumentOutOfRangeException(nameof(stridedLayers), stridedLayers, "StackedTanhCnn needs at least one strided layer.");
        if (depth < stridedLayers)
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"depth counts every convolution and must be at least stridedLayers = {stridedLayers}.");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "StackedTanhCnn needs at least one class.");
        stemArray = new Conv2d[stridedLayers];
        for (int l = 0; l < stridedLayers; l++)
            stemArray[l] = nn.Conv2d(l == 0 ? inChannels : channels, channels, kernel_size: 3, stride: 2, padding: 1);
        stem = new ModuleList<Conv2d>(stemArray);
        hidden_weight = new Parameter(torch.empty([depth - stridedLayers, channels, channels, 3, 3]));
        hidden_bias = new Parameter(torch.empty(depth - stridedLayers, channels));
        fc = nn.Linear(channels, classes);
        RegisterComponents();
        using var generator = new Generator((ulong)seed);
        using var noGrad = torch.no_grad();
        foreach (var stack in WeightLayerStacks())                   // PyTorch's default: U(±1/√fan_in)
            stack.FillUniform(1.0 / Math.Sqrt(stack.Weights[0][0].numel()), generator);
    }

    /// <summary>Whether stacks on maps of at most 2×2 run as dense matrices (see <see cref="forward"/>); off only to
    /// compare the two ways in a benchmark.</summary>
    internal static bool DenseSmallMaps { get; set; } = true;

    /// <summary>Side of the maps after <paramref name="stridedLayers"/> stride-2 3×3 convolutions
    /// with padding 1: each maps s to ⌈s/2⌉ (28 → 14 → 7 → 4 → 2).</summary>
    /// <exception cref="ArgumentOutOfRangeException">size below 1 or stridedLayers
    /// negative.</exception>
    public static int MapSize(int size, int stridedLayers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(stridedLayers);
        for (int l = 0; l < stridedLayers; l++) size = (size + 1) / 2;
        return size;
    }

    /// <summary>Number of convolutions, strided ones included.</summary>
    public int Depth => stemArray.Length + (int)hidden_weight.shape[0];

    /// <summary>Number of leading stride-2 convolutions.</summary>
    public int StridedLayers => stemArray.Length;

    /// <summary>The stride-2 convolutions, in order.</summary>
    public IReadOnlyList<Conv2d> Stem => stemArray;

    /// <summary>The same-size kernels stacked: [depth − stridedLayers, channels, channels, 3, 3].</summary>
    public Parameter HiddenWeight => hidden_weight;

    /// <summary>Their biases: [depth − stridedLayers, channels].</summary>
    public Parameter HiddenBias => hidden_bias;

    /// <summary>The linear classifier after global average pooling.</summary>
    public Linear Classifier => fc;

    /// <inheritdoc/>
    public IEnumerable<WeightLayerView> WeightLayerViews()
    {
        for (int l = 0; l < stemArray.Length; l++)
        {
            var conv = stemArray[l];
            yield return new WeightLayerView($"layers.{l}", conv.weight!, conv.bias, () => conv.weight!.grad);
        }
        for (int l = 0; l < hidden_weight.shape[0]; l++)
        {
            int k = l;
            yield return new WeightLayerView($"layers.{stemArray.Length + l}", hidden_weight[k], hidden_bias[k],
                () => hidden_weight.grad is { } g ? g[k] : null);
        }
        yield return new WeightLayerView("fc", fc.weight!, fc.bias, () => fc.weight!.grad);
    }

    /// <inheritdoc/>
    public IEnumerable<WeightLayerStack> WeightLayerStacks()
    {
        foreach (var conv in stemArray)
            yield return new WeightLayerStack(conv.weight!.unsqueeze(0), conv.bias?.unsqueeze(0));
        if (hidden_weight.shape[0] > 0) yield return new WeightLayerStack(hidden_weight, hidden_bias);
        yield return new WeightLayerStack(fc.weight!.unsqueeze(0), fc.bias?.unsqueeze(0));
    }

    /// <summary>x: [batch, inChannels, H, W] → logits [batch, classes].</summary>
    /// <remarks>
    /// <para>Each tanh runs in place on its convolution's output (a convolution's backward needs its input, not its
    /// output). Without autograd each activation is freed as soon as the next exists.</para>
    /// <para>On maps of at most 2×2 the same-size layers run as <see cref="DenseKernels"/>: there a 3×3 kernel with
    /// padding 1 reaches every input pixel from every output pixel, so the convolution is exactly one dense
    /// [c·H·W, c·H·W] matrix, and the whole stack is the stacked tanh MLP of <see cref="StackedTanhMlp"/>
    /// (<see cref="TanhStackFunction"/>: a few matrix products per layer instead of oneDNN convolutions, which cost
    /// ~0.5 ms per tiny layer in fixed overhead).</para>
    /// </remarks>
    public override Tensor forward(Tensor input)
    {
        bool free = !torch.is_grad_enabled();
        var h = input;
        bool dense;
        using (var scope = NewDisposeScope())
        {
            foreach (var conv in stemArray)
                h = Replace(h, conv.call(h).tanh_());
            dense = DenseSmallMaps && hidden_weight.shape[0] > 0 && h.shape[2] <= 2 && h.shape[3] <= 2;
            if (!dense)
            {
                var kernels = hidden_weight.unbind(0);   // [channels, channels, 3, 3] views
                var biases = hidden_bias.unbind(0);
                for (int l = 0; l < kernels.Length; l++)
                    h = Replace(h, nn.functional.conv2d(h, kernels[l], biases[l], padding: [1, 1]).tanh_());
            }
            h.MoveToOuterDisposeScope();
        }
        // Outside the scope: with autograd, TanhStackFunction keeps its activations until backward frees them.
        if (dense) h = Replace(h, DenseStack(h, free));
        var pooled = Replace(h, h.mean([2L, 3L]));      // global average pool: [batch, channels]
        var y = fc.call(pooled);
        if (free) pooled.Dispose();
        return y;

        Tensor Replace(Tensor old, Tensor next)
        {
            if (free && !ReferenceEquals(old, input)) old.Dispose();
            return next;
        }
    }

    /// <summary>The same-size kernels as dense matrices on maps of <paramref name="height"/>×<paramref name="width"/>
    /// (at most 2×2): M [L, c·H·W, c·H·W] with M[l, o·HW + p, i·HW + q] = K_l[o, i, q_y − p_y + 1, q_x − p_x + 1],
    /// flattened channel-major as <c>flatten(1)</c> does.</summary>
    /// <remarks>One <see cref="DenseKernelFunction"/> node: its backward adds each block's gradient back onto its
    /// tap.</remarks>
    public Tensor DenseKernels(long height, long width)
    {
        if (height > 2 || width > 2)
            throw new ArgumentOutOfRangeException(nameof(height), $"dense kernels need maps of at most 2×2, not {height}×{width}");
        return DenseKernelFunction.apply(hidden_weight, height, width);
    }

    /// <summary>Whether training keeps only one activation per segment of the same-size stack and recomputes the rest
    /// in backward (gradient checkpointing, see <see cref="TanhStack"/>): a second forward pass buys about 1/128 of the
    /// activations' memory. Only for stacks that run as dense matrices (maps of at most 2×2).</summary>
    public bool RecomputeActivations { get; init; }

    /// <summary>Layers per segment when <see cref="RecomputeActivations"/> is on: one activation is kept per segment,
    /// and backward recomputes one segment at a time.</summary>
    public static int RecomputeSegment => TanhStack.Segment;

    /// <summary>Activations of shape [batch, c·H·W] that training keeps for <paramref name="sameSizeLayers"/> dense
    /// same-size layers: all of them plus one segment of deltas, or with <paramref name="recompute"/> one per segment,
    /// one recomputed segment and its deltas.</summary>
    public static long KeptActivations(int sameSizeLayers, bool recompute) => TanhStack.Slots(sameSizeLayers, recompute);

    // The same-size layers on maps of at most 2×2, as a stacked tanh MLP: h [B, c, H, W] → [B, c, H, W].
    private Tensor DenseStack(Tensor h, bool free)
    {
        long batch = h.shape[0], c = h.shape[1], height = h.shape[2], width = h.shape[3];
        var x = h.flatten(1);                                                // [B, c·HW]
        if (!free)
            return DenseConvStackFunction.apply(x, hidden_weight, Bias(), height, width, RecomputeActivations)
                .reshape(batch, c, height, width);
        using var scope = NewDisposeScope();                 // no grad: each activation is freed as the next exists
        int layers = (int)hidden_weight.shape[0];
        return TanhStack.Evaluate(x, layers, m => DenseKernelFunction.Fill(m, hidden_weight, height, width), Bias())
            .reshape(batch, c, height, width).MoveToOuterDisposeScope();             // M in the kept block

        Tensor Bias() => hidden_bias.repeat_interleave(height * width, dim: 1);     // [L, c·HW]
    }
}
