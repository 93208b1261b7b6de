using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// A CIFAR-style CNN (He et al. 2016a, §4.2): a 3×3 stem convolution, then <c>stages</c> stages of
/// <c>blocksPerStage</c> <see cref="ConvBlock"/>s with width·2^s channels (stages after the first start with stride 2),
/// global average pooling and a linear classifier: 2·stages·blocksPerStage + 2 weighted layers (6n + 2 for 3 stages:
/// ResNet-20/32/44/56/110 for n = 3/5/7/9/18). Plain or residual, any activation, with or without BatchNorm.
/// </summary>
/// <remarks>Names: <c>stem</c>, <c>stem_norm</c>, <c>blocks.i.conv1</c> …, <c>fc</c>. x: [batch, inChannels, H, W] → [batch, classes].</remarks>
public sealed class Cnn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d stem;
    private readonly BatchNorm2d? stem_norm;
    private readonly ModuleList<ConvBlock> blocks;
    private readonly Linear fc;
    private readonly ConvBlock[] blockArray;
    private readonly Conv2d[] convolutions;
    private readonly Activation activation;

    /// <summary>Builds the network; parameters use PyTorch's default initialisation drawn from a private generator seeded with <c>seed</c> (see <see cref="SeededInit"/>).</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="blocksPerStage">Blocks per stage, n (≥ 1).</param>
    /// <param name="width">Channels of the first stage (16 in He et al.).</param>
    /// <param name="stages">Number of stages (3 in He et al.); stage s has width·2^s channels.</param>
    /// <param name="activation">The nonlinearity φ.</param>
    /// <param name="norm">BatchNorm after every convolution, or none.</param>
    /// <param name="residual">Whether blocks add shortcuts (1×1 projection where the shape changes).</param>
    /// <param name="zeroInitResidual">Zero-initialise each block's last BatchNorm γ (or last convolution without norm);
    /// Goyal et al. 2017, torchvision's <c>zero_init_residual</c>. Requires <paramref name="residual"/>.</param>
    /// <param name="seed">Seed for the default initialisation.</param>
    public Cnn(int inChannels, int classes, int blocksPerStage, int width = 16, int stages = 3,
        Activation activation = Activation.ReLU, Norm norm = Norm.BatchNorm,
        bool residual = false, bool zeroInitResidual = false, long seed = 0)
        : base(residual ? "ResidualCnn" : "Cnn")
    {
        if (inChannels < 1) throw new ArgumentOutOfRangeException(nameof(inChannels), inChannels, "Cnn needs at least one input channel.");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Cnn needs at least one class.");
        if (blocksPerStage < 1) throw new ArgumentOutOfRangeException(nameof(blocksPerStage), blocksPerStage, "Cnn needs at least one block per stage.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Cnn needs a positive width.");
        if (stages < 1) throw new ArgumentOutOfRangeException(nameof(stages), stages, "Cnn needs at least one stage.");
        if (zeroInitResidual && !residual)
            throw new ArgumentException("zeroInitResidual needs residual: true (a plain network has no residual branch).", nameof(zeroInitResidual));

        this.activation = activation;
        stem = nn.Conv2d(inChannels, width, kernel_size: 3, stride: 1, padding: 1, bias: norm == Norm.None);
        if (norm == Norm.BatchNorm) stem_norm = nn.BatchNorm2d(width);

        blockArray = new ConvBlock[stages * blocksPerStage];
        int channels = width, i = 0;
        for (int s = 0; s < stages; s++)
        {
            int outChannels = width << s;
            for (int b = 0; b < blocksPerStage; b++, i++)
            {
                blockArray[i] = new ConvBlock(channels, outChannels, stride: s > 0 && b == 0 ? 2 : 1, activation, norm, residual);
                channels = outChannels;
            }
        }
        blocks = new ModuleList<ConvBlock>(blockArray);
        fc = nn.Linear(channels, classes);
        convolutions = [stem, .. blockArray.SelectMany(block => new[] { block.Conv1, block.Conv2 })];
        RegisterComponents();
        SeededInit.Apply(this, seed);

        if (zeroInitResidual)
            foreach (var block in blockArray) block.ZeroInitResidualBranch();
    }

    /// <summary>The blocks in forward order (<c>blocks.i</c>).</summary>
    public IReadOnlyList<ConvBlock> Blocks => blockArray;

    /// <summary>The main-path 3×3 convolutions in forward order: stem, then conv1 and conv2 of every block (shortcut projections excluded).</summary>
    public IReadOnlyList<Conv2d> Convolutions => convolutions;

    /// <summary>The linear classifier.</summary>
    public Linear Classifier => fc;

    /// <summary>x: [batch, inChannels, H, W] → logits [batch, classes].</summary>
    public override Tensor forward(Tensor input)
    {
        var h = stem.call(input);
        if (stem_norm is not null) h = stem_norm.call(h);
        h = activation.Apply(h);
        foreach (var block in blockArray) h = block.call(h);
        return fc.call(h.mean([2L, 3L]));     // global average pool: [batch, channels]
    }
}
