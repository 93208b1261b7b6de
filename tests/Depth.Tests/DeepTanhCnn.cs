using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using Depth;

namespace Depth.Tests;

/// <summary>
/// The vanilla deep tanh CNN of Xiao et al. 2018 ("Dynamical Isometry and a Mean Field Theory of CNNs: How to Train
/// 10,000-Layer Vanilla Convolutional Neural Networks"): a few strided 3×3 convolutions, then same-width 3×3
/// convolutions (stride 1, padding 1) up to <c>depth</c>, tanh after every convolution, no normalisation, no skip
/// connections, then global average pooling and a linear classifier.
/// </summary>
/// <remarks>
/// Shapes: x [batch, inChannels, H, W] → after k strided layers [batch, channels, ⌈H/2^k⌉, ⌈W/2^k⌉] → logits [batch, classes].
/// Convolutions are named <c>layers.0</c> … <c>layers.{depth−1}</c> and exposed in <see cref="Layers"/> so an initialiser
/// (delta-orthogonal needs inChannels ≤ channels) can address layer l. Linear build time (a <c>ModuleList</c>, a loop in forward).
/// </remarks>
public sealed class DeepTanhCnn : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Conv2d> layers;
    private readonly Linear fc;
    private readonly Conv2d[] layerArray;

    /// <summary>Builds the network; parameters use PyTorch's default initialisation drawn from a private generator seeded with <c>seed</c> (see <see cref="SeededInit"/>).</summary>
    /// <param name="inChannels">Input channels (1 for Fashion-MNIST, 3 for CIFAR).</param>
    /// <param name="channels">Channels of every convolution.</param>
    /// <param name="depth">Total number of convolutions, strided ones included (≥ <paramref name="stridedLayers"/>).</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="stridedLayers">How many leading convolutions have stride 2 (each halves H and W).</param>
    /// <param name="seed">Seed for the default initialisation.</param>
    public DeepTanhCnn(int inChannels, int channels, int depth, int classes, int stridedLayers = 2, long seed = 0)
        : base(nameof(DeepTanhCnn))
    {
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "DeepTanhCnn needs at least one input channel.");
        if (channels < 1) throw new ArgumentOutOfRangeException(nameof(channels), channels, "DeepTanhCnn needs a positive channel count.");
        if (stridedLayers < 0) throw new ArgumentOutOfRangeException(nameof(stridedLayers), stridedLayers, "The number of strided layers cannot be negative.");
        if (depth < Math.Max(1, stridedLayers))
            throw new ArgumentOutOfRangeException(nameof(depth), depth, $"depth counts every convolution and must be at least max(1, stridedLayers = {stridedLayers}).");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "DeepTanhCnn needs at least one class.");

        StridedLayers = stridedLayers;
        layerArray = new Conv2d[depth];
        for (int l = 0; l < depth; l++)
            layerArray[l] = nn.Conv2d(l == 0 ? inChannels : channels, channels, kernel_size: 3,
                stride: l < stridedLayers ? 2 : 1, padding: 1, bias: true);
        layers = new ModuleList<Conv2d>(layerArray);
        fc = nn.Linear(channels, classes);
        RegisterComponents();
        SeededInit.Apply(this, seed);
    }

    /// <summary>The convolutions in forward order (<c>layers.l</c>); the first <see cref="StridedLayers"/> have stride 2.</summary>
    public IReadOnlyList<Conv2d> Layers => layerArray;

    /// <summary>The linear classifier after global average pooling.</summary>
    public Linear Classifier => fc;

    /// <summary>Number of leading stride-2 convolutions.</summary>
    public int StridedLayers { get; }

    /// <summary>Number of convolutions.</summary>
    public int Depth => layerArray.Length;

    /// <summary>x: [batch, inChannels, H, W] → logits [batch, classes].</summary>
    public override Tensor forward(Tensor input)
    {
        var h = input;
        foreach (var conv in layerArray)
            h = torch.tanh(conv.call(h));
        return fc.call(h.mean([2L, 3L]));     // global average pool: [batch, channels]
    }
}

/// <summary>Copies a <see cref="DeepTanhCnn"/>'s weights into a <see cref="StackedTanhCnn"/> of the same shape.</summary>
static class StackedTanhCnnCopy
{
    /// <summary>Copies every weight and bias of <paramref name="plain"/>: afterwards both compute the same function.</summary>
    /// <exception cref="ArgumentException">The shapes differ; the message names the mismatch.</exception>
    public static void CopyFrom(this StackedTanhCnn stacked, DeepTanhCnn plain)
    {
        if (plain.Depth != stacked.Depth || plain.StridedLayers != stacked.StridedLayers
            || !plain.Classifier.weight!.shape.SequenceEqual(stacked.Classifier.weight!.shape)
            || !plain.Layers[0].weight!.shape.SequenceEqual(stacked.Stem[0].weight!.shape))
            throw new ArgumentException($"CopyFrom needs the same shape: this is depth {stacked.Depth}, "
                + $"{stacked.StridedLayers} strided; the DeepTanhCnn is depth {plain.Depth}, {plain.StridedLayers} strided.",
                nameof(plain));
        using var noGrad = torch.no_grad();
        var source = plain.Layers.Select(l => (l.weight!, l.bias)).Append((plain.Classifier.weight!, plain.Classifier.bias)).ToList();
        int i = 0;
        foreach (var layer in stacked.WeightLayerViews())
        {
            layer.Weight.copy_(source[i].Item1);
            if (layer.Bias is not null && source[i].bias is not null) layer.Bias.copy_(source[i].bias!);
            i++;
        }
    }
}
