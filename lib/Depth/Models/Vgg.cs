using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// VGG in the original layout (Simonyan and Zisserman 2015, configurations A, B, D, E) with torchvision's names:
/// <c>features</c> (3×3 convolutions with padding 1 and 2×2 max pools), <c>avgpool</c> (adaptive, 7×7),
/// <c>classifier</c> (4096 → 4096 → classes with dropout). VGG-16 has 138,357,544 parameters (1000 classes).
/// </summary>
/// <remarks>x: [batch, 3, 224, 224] → logits [batch, classes].</remarks>
public sealed class Vgg : nn.Module<Tensor, Tensor>
{
    /// <summary>Channels per convolution, 0 marks a max pool; configurations A (11), B (13), D (16), E (19).</summary>
    public static IReadOnlyDictionary<int, int[]> Configurations { get; } = new Dictionary<int, int[]>
    {
        [11] = [64, 0, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
        [13] = [64, 64, 0, 128, 128, 0, 256, 256, 0, 512, 512, 0, 512, 512, 0],
        [16] = [64, 64, 0, 128, 128, 0, 256, 256, 256, 0, 512, 512, 512, 0, 512, 512, 512, 0],
        [19] = [64, 64, 0, 128, 128, 0, 256, 256, 256, 256, 0, 512, 512, 512, 512, 0, 512, 512, 512, 512, 0],
    };

    private readonly Sequential features;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Sequential classifier;
    private readonly Conv2d[] convolutions;

    /// <summary>Builds VGG-<paramref name="layers"/> (11, 13, 16 or 19 weighted layers).</summary>
    /// <param name="layers">11, 13, 16 or 19.</param>
    /// <param name="classes">Classes of the last linear layer.</param>
    /// <param name="activation">Nonlinearity after every convolution and hidden linear layer (ReLU in the paper).</param>
    /// <param name="norm">BatchNorm after every convolution (torchvision's vgg*_bn), or none as in the paper.</param>
    /// <param name="dropout">Dropout probability in the classifier.</param>
    /// <param name="seed">Seed for the default initialisation.</param>
    public Vgg(int layers, int classes = 1000, Activation activation = Activation.ReLU, Norm norm = Norm.None, double dropout = 0.5, long seed = 0)
        : base($"Vgg{layers}")
    {
        if (!Configurations.TryGetValue(layers, out var config))
            throw new ArgumentOutOfRangeException(nameof(layers), layers, "VGG exists with 11, 13, 16 or 19 weighted layers.");
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "Vgg needs at least one class.");
        var modules = new List<nn.Module<Tensor, Tensor>>();
        var convs = new List<Conv2d>();
        int channels = 3;
        foreach (int c in config)
        {
            if (c == 0) { modules.Add(nn.MaxPool2d(kernel_size: 2, stride: 2)); continue; }
            var conv = nn.Conv2d(channels, c, kernel_size: 3, padding: 1, bias: true);
            convs.Add(conv);
            modules.Add(conv);
            if (norm == Norm.BatchNorm) modules.Add(nn.BatchNorm2d(c));
            modules.Add(activation.ToModule());
            channels = c;
        }
        features = nn.Sequential([.. modules]);
        avgpool = nn.AdaptiveAvgPool2d(7);
        classifier = nn.Sequential(
            nn.Linear(channels * 7 * 7, 4096), activation.ToModule(), nn.Dropout(dropout),
            nn.Linear(4096, 4096), activation.ToModule(), nn.Dropout(dropout),
            nn.Linear(4096, classes));
        convolutions = [.. convs];
        RegisterComponents();
        SeededInit.Apply(this, seed);
    }

    /// <summary>VGG-11 (configuration A).</summary>
    public static Vgg Vgg11(int classes = 1000, Norm norm = Norm.None, long seed = 0) => new(11, classes, norm: norm, seed: seed);

    /// <summary>VGG-13 (configuration B).</summary>
    public static Vgg Vgg13(int classes = 1000, Norm norm = Norm.None, long seed = 0) => new(13, classes, norm: norm, seed: seed);

    /// <summary>VGG-16 (configuration D).</summary>
    public static Vgg Vgg16(int classes = 1000, Norm norm = Norm.None, long seed = 0) => new(16, classes, norm: norm, seed: seed);

    /// <summary>VGG-19 (configuration E).</summary>
    public static Vgg Vgg19(int classes = 1000, Norm norm = Norm.None, long seed = 0) => new(19, classes, norm: norm, seed: seed);

    /// <summary>The convolutions of <c>features</c> in forward order.</summary>
    public IReadOnlyList<Conv2d> Convolutions => convolutions;

    /// <summary>x: [batch, 3, H, W] → logits [batch, classes].</summary>
    public override Tensor forward(Tensor input) =>
        classifier.call(torch.flatten(avgpool.call(features.call(input)), 1));
}
