using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// A VGG-style network for small images (Simonyan and Zisserman 2015, "Very Deep Convolutional Networks for
/// Large-Scale Image Recognition", arXiv:1409.1556, scaled down): stages of 3×3 convolutions (padding 1) with
/// <c>widths[s]</c> channels, a 2×2 max pool after every stage but the last, then <c>hiddenLayers</c> fully connected
/// layers of <c>hidden</c> units and a linear read-out. Optional BatchNorm after every convolution and optional
/// identity shortcuts (He et al. 2016a, arXiv:1512.03385) around consecutive pairs of convolutions of equal width.
/// </summary>
/// <remarks>
/// <para>Residual pairs: in a stage of k convolutions, the first changes the width and stays plain; convolutions
/// (1, 2), (3, 4), … form blocks h ↦ φ(N(W₂ φ(N(W₁ h))) + h); an unpaired last convolution stays plain.</para>
/// <para>Names: <c>convs.i</c>, <c>norms.i</c> (BatchNorm only), <c>hidden.j</c>, <c>output</c>.
/// x: [batch, inChannels, imageSize, imageSize] → logits [batch, classes].</para>
/// </remarks>
public sealed class SmallVgg : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Conv2d> convs;
    private readonly ModuleList<BatchNorm2d> norms;
    private readonly ModuleList<Linear> hidden;
    private readonly Linear output;
    private readonly Conv2d[] convArray;
    private readonly BatchNorm2d[] normArray;
    private readonly Linear[] hiddenArray;
    private readonly bool[] poolAfter;      // per convolution
    private readonly bool[] opensBlock;     // per convolution: starts a residual pair
    private readonly Activation activation;

    /// <summary>Builds the network with PyTorch's default initialisation from a private generator seeded with <paramref name="seed"/>.</summary>
    /// <param name="inChannels">Input channels (1 for Fashion-MNIST).</param>
    /// <param name="classes">Classes of the read-out.</param>
    /// <param name="convsPerStage">Convolutions in each stage, e.g. [2, 2, 3, 3, 3] (VGG-16's layout).</param>
    /// <param name="widths">Channels of each stage (same length as <paramref name="convsPerStage"/>).</param>
    /// <param name="hidden">Units of each hidden fully connected layer.</param>
    /// <param name="hiddenLayers">Number of hidden fully connected layers (2 in VGG, 0 for a conv-only net).</param>
    /// <param name="imageSize">Height = width of the input images (28 for Fashion-MNIST).</param>
    /// <param name="activation">The nonlinearity φ.</param>
    /// <param name="norm">BatchNorm after every convolution, or none as in VGG.</param>
    /// <param name="residual">Identity shortcuts around pairs of equal-width convolutions.</param>
    /// <param name="seed">Seed for the default initialisation.</param>
    public SmallVgg(int inChannels, int classes, int[] convsPerStage, int[] widths, int hidden = 256, int hiddenLayers = 2,
        int imageSize = 28, Activation activation = Activation.ReLU, Norm norm = Norm.None, bool residual = false, long seed = 0)
        : base(residual ? "ResidualSmallVgg" : "SmallVgg")
    {
        ArgumentNullException.ThrowIfNull(convsPerStage);
        ArgumentNullException.ThrowIfNull(widths);
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "SmallVgg needs at least one input channel.");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "SmallVgg needs at least one class.");
        if (convsPerStage.Length == 0 || convsPerStage.Length != widths.Length)
            throw new ArgumentException($"convsPerStage ({convsPerStage.Length} stages) and widths ({widths.Length}) must be non-empty and of equal length.", nameof(widths));
        if (convsPerStage.Any(c => c < 1)) throw new ArgumentException("every stage needs at least one convolution.", nameof(convsPerStage));
        if (hiddenLayers < 0 || (hiddenLayers > 0 && hidden < 1)) throw new ArgumentOutOfRangeException(nameof(hidden), hidden, "hidden layers need a positive width.");
        int size = imageSize >> (convsPerStage.Length - 1);
        if (size < 1) throw new ArgumentOutOfRangeException(nameof(imageSize), imageSize, $"{convsPerStage.Length - 1} max pools shrink a {imageSize}×{imageSize} image to nothing.");

        this.activation = activation;
        var cs = new List<Conv2d>();
        var pools = new List<bool>();
        var opens = new List<bool>();
        int channels = inChannels;
        for (int s = 0; s < convsPerStage.Length; s++)
            for (int i = 0; i < convsPerStage[s]; i++)
            {
                cs.Add(nn.Conv2d(channels, widths[s], kernel_size: 3, padding: 1, bias: norm == Norm.None));
                pools.Add(i == convsPerStage[s] - 1 && s < convsPerStage.Length - 1);
                opens.Add(residual && i % 2 == 1 && i + 1 < convsPerStage[s]);
                channels = widths[s];
            }
        convArray = [.. cs];
        poolAfter = [.. pools];
        opensBlock = [.. opens];
        normArray = norm == Norm.BatchNorm ? convArray.Select(c => nn.BatchNorm2d(c.out_channels)).ToArray() : [];
        int features = channels * size * size;
        hiddenArray = Enumerable.Range(0, hiddenLayers).Select(j => nn.Linear(j == 0 ? features : hidden, hidden)).ToArray();
        convs = new ModuleList<Conv2d>(convArray);
        norms = new ModuleList<BatchNorm2d>(normArray);
        this.hidden = new ModuleList<Linear>(hiddenArray);
        output = nn.Linear(hiddenLayers > 0 ? hidden : features, classes);
        Residual = residual;
        RegisterComponents();
        SeededInit.Apply(this, seed);
    }

    /// <summary>Whether pairs of convolutions carry identity shortcuts.</summary>
    public bool Residual { get; }

    /// <summary>The convolutions in forward order.</summary>
    public IReadOnlyList<Conv2d> Convolutions => convArray;

    /// <summary>Number of weighted layers: convolutions + hidden fully connected layers + read-out.</summary>
    public int WeightedLayers => convArray.Length + hiddenArray.Length + 1;

    /// <summary>Number of identity shortcuts.</summary>
    public int Shortcuts => opensBlock.Count(o => o);

    /// <summary>x: [batch, inChannels, imageSize, imageSize] → logits [batch, classes].</summary>
    public override Tensor forward(Tensor input)
    {
        var h = input;
        Tensor? skip = null;
        for (int i = 0; i < convArray.Length; i++)
        {
            if (opensBlock[i]) skip = h;
            var z = convArray[i].call(h);
            if (normArray.Length > 0) z = normArray[i].call(z);
            if (i > 0 && opensBlock[i - 1] && skip is not null) { z = z + skip; skip = null; }
            h = activation.Apply(z);
            if (poolAfter[i]) h = nn.functional.max_pool2d(h, 2);
        }
        h = h.flatten(1);
        foreach (var layer in hiddenArray) h = activation.Apply(layer.call(h));
        return output.call(h);
    }
}
