namespace Depth;

/// <summary>
/// Analytic breakdowns of whole architectures, with the layer names of the matching modules in the library (<see cref="Depth.Mlp"/>, <see cref="Depth.ResNet"/>, <see cref="Depth.Vgg"/>)
/// (torchvision's names for ResNet and VGG); nothing is allocated, so even 15-billion-parameter layers can be counted.
/// </summary>
public static class Architectures
{
    /// <summary>ResNet-18 (basic blocks [2, 2, 2, 2]) on a 3 × size × size input.</summary>
    public static Breakdown ResNet18(int classes = 1000, int size = 224, bool includeTop = true) => ResNet("ResNet-18", false, [2, 2, 2, 2], classes, size, includeTop);

    /// <summary>ResNet-34 (basic blocks [3, 4, 6, 3]) on a 3 × size × size input.</summary>
    public static Breakdown ResNet34(int classes = 1000, int size = 224, bool includeTop = true) => ResNet("ResNet-34", false, [3, 4, 6, 3], classes, size, includeTop);

    /// <summary>
    /// ResNet-50 (bottleneck blocks [3, 4, 6, 3]) on a 3 × size × size input. At 224 and 1000 classes: 25,557,032 parameters
    /// (23,508,032 without fc) in the PyTorch convention, 25,636,712 (23,587,712) in the Keras convention.
    /// </summary>
    public static Breakdown ResNet50(int classes = 1000, int size = 224, bool includeTop = true) => ResNet("ResNet-50", true, [3, 4, 6, 3], classes, size, includeTop);

    /// <summary>ResNet-101 (bottleneck blocks [3, 4, 23, 3]).</summary>
    public static Breakdown ResNet101(int classes = 1000, int size = 224, bool includeTop = true) => ResNet("ResNet-101", true, [3, 4, 23, 3], classes, size, includeTop);

    /// <summary>ResNet-152 (bottleneck blocks [3, 8, 36, 3]).</summary>
    public static Breakdown ResNet152(int classes = 1000, int size = 224, bool includeTop = true) => ResNet("ResNet-152", true, [3, 8, 36, 3], classes, size, includeTop);

    /// <summary>VGG-11/13/16/19 in the original layout (torchvision names: features.i, classifier.0/3/6), optionally with BatchNorm.</summary>
    public static Breakdown Vgg(int layers, int classes = 1000, int size = 224, bool batchNorm = false)
    {
        if (!Depth.Vgg.Configurations.TryGetValue(layers, out var config))
            throw new ArgumentOutOfRangeException(nameof(layers), layers, "VGG exists with 11, 13, 16 or 19 weighted layers.");
        var b = new ArchitectureBuilder(3, size, size);
        int i = 0;
        foreach (int c in config)
        {
            if (c == 0) { b.MaxPool($"features.{i++}", 2, 2); continue; }
            b.Conv2d($"features.{i++}", c, 3, padding: 1, bias: true);
            if (batchNorm) b.BatchNorm($"features.{i++}");
            i++;                                            // the activation's index
        }
        b.AdaptiveAvgPool("avgpool", 7).Flatten()
            .Linear("classifier.0", 4096).Linear("classifier.3", 4096).Linear("classifier.6", classes);
        return b.Build($"VGG-{layers}{(batchNorm ? "-BN" : "")} ({size}×{size}×3)");
    }

    /// <summary>A plain multilayer perceptron inputs → width (× depth) → outputs, names as in <see cref="Depth.Mlp"/>.</summary>
    public static Breakdown Mlp(int inputs, int width, int depth, int outputs, bool batchNorm = false)
    {
        var b = new ArchitectureBuilder(inputs);
        for (int l = 0; l < depth; l++)
        {
            b.Linear($"layers.{l}", width);
            if (batchNorm) b.BatchNorm($"norms.{l}");
        }
        return b.Linear("output", outputs).Build($"MLP {inputs}→{width}×{depth}→{outputs}");
    }

    /// <summary>
    /// One fully-connected layer from a flattened height × width × channels image to <paramref name="outputs"/> features —
    /// what "just use a dense layer" costs: 224×224×3 = 150,528 inputs → 2,048 outputs is 308,283,392 parameters.
    /// </summary>
    public static Breakdown FullyConnected(long height, long width, long channels, long outputs, bool bias = true) =>
        new ArchitectureBuilder(channels, height, width).Flatten().Linear("fc", outputs, bias)
            .Build($"Fully connected {height}×{width}×{channels} → {outputs:N0}");

    private static Breakdown ResNet(string name, bool bottleneck, int[] blocks, int classes, int size, bool includeTop)
    {
        var b = new ArchitectureBuilder(3, size, size);
        b.Conv2d("conv1", 64, 7, stride: 2, padding: 3, bias: false).BatchNorm("bn1").MaxPool("maxpool", 3, 2, 1);
        int expansion = bottleneck ? 4 : 1;
        for (int s = 0; s < 4; s++)
        {
            long planes = 64L << s;
            for (int k = 0; k < blocks[s]; k++)
            {
                string p = $"layer{s + 1}.{k}";
                int stride = s > 0 && k == 0 ? 2 : 1;
                long[] input = b.Shape;
                if (bottleneck)
                {
                    b.Conv2d($"{p}.conv1", planes, 1, bias: false).BatchNorm($"{p}.bn1")
                     .Conv2d($"{p}.conv2", planes, 3, stride, 1, bias: false).BatchNorm($"{p}.bn2")
                     .Conv2d($"{p}.conv3", planes * 4, 1, bias: false).BatchNorm($"{p}.bn3");
                }
                else
                {
                    b.Conv2d($"{p}.conv1", planes, 3, stride, 1, bias: false).BatchNorm($"{p}.bn1")
                     .Conv2d($"{p}.conv2", planes, 3, 1, 1, bias: false).BatchNorm($"{p}.bn2");
                }
                if (stride != 1 || input[0] != planes * expansion)
                {
                    long[] output = b.Shape;
                    b.Shape = input;
                    b.Conv2d($"{p}.downsample.0", planes * expansion, 1, stride, bias: false).BatchNorm($"{p}.downsample.1");
                    if (!b.Shape.SequenceEqual(output))
                        throw new InvalidOperationException($"{name}: shortcut of {p} gives [{string.Join(", ", b.Shape)}], branch gives [{string.Join(", ", output)}].");
                }
            }
        }
        b.AdaptiveAvgPool("avgpool", 1);
        if (includeTop) b.Flatten().Linear("fc", classes);
        return b.Build($"{name} ({size}×{size}×3){(includeTop ? "" : ", without fc")}");
    }
}
