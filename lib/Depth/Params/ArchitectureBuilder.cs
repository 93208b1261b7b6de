namespace Depth;

/// <summary>
/// Describes an architecture layer by layer without allocating it: tracks the current output shape of one example
/// and appends a <see cref="LayerSpec"/> per layer (parameters, buffers, output shape, multiply-adds).
/// </summary>
/// <example><code>
/// var b = new ArchitectureBuilder(3, 224, 224);
/// b.Conv2d("conv1", 64, 7, stride: 2, padding: 3, bias: false).BatchNorm("bn1").MaxPool("maxpool", 3, 2, 1);
/// var breakdown = b.Build("stem");
/// </code></example>
public sealed class ArchitectureBuilder
{
    private readonly List<LayerSpec> layers = [];

    /// <summary>Starts from an image input of channels × height × width.</summary>
    public ArchitectureBuilder(long channels, long height, long width) => Shape = [channels, height, width];

    /// <summary>Starts from a feature-vector input.</summary>
    public ArchitectureBuilder(long features) => Shape = [features];

    /// <summary>The current output shape of one example ([C, H, W] or [features]); set it to branch (e.g. a residual shortcut).</summary>
    public long[] Shape { get; set; }

    /// <summary>The rows appended so far.</summary>
    public IReadOnlyList<LayerSpec> Layers => layers;

    /// <summary>A 2-D convolution with a square kernel; needs a [C, H, W] shape.</summary>
    public ArchitectureBuilder Conv2d(string name, long outChannels, long kernelSize, long stride = 1, long padding = 0, bool bias = true)
    {
        var (c, h, w) = Image(name);
        long outH = ParameterFormulas.OutputSize(h, kernelSize, stride, padding), outW = ParameterFormulas.OutputSize(w, kernelSize, stride, padding);
        long parameters = ParameterFormulas.Conv2d(c, outChannels, kernelSize, bias);
        long macs = checked(outChannels * outH * outW * c * kernelSize * kernelSize);
        return Add(new LayerSpec(name, "Conv2d", [outChannels, outH, outW], parameters, 0, macs,
            ParameterFormulas.Conv2d(c, outChannels, kernelSize, bias: true)));
    }

    /// <summary>BatchNorm over the channels (first dimension) of the current shape.</summary>
    public ArchitectureBuilder BatchNorm(string name)
    {
        long c = Shape[0];
        string kind = Shape.Length == 3 ? "BatchNorm2d" : "BatchNorm1d";
        return Add(new LayerSpec(name, kind, [.. Shape], ParameterFormulas.BatchNorm(c), ParameterFormulas.BatchNormBuffers(c), 0,
            ParameterFormulas.BatchNorm(c) + 2 * c));
    }

    /// <summary>Max pooling with a square window.</summary>
    public ArchitectureBuilder MaxPool(string name, long kernelSize, long stride, long padding = 0)
    {
        var (c, h, w) = Image(name);
        return Add(new LayerSpec(name, "MaxPool2d",
            [c, ParameterFormulas.OutputSize(h, kernelSize, stride, padding), ParameterFormulas.OutputSize(w, kernelSize, stride, padding)], 0, 0, 0, 0));
    }

    /// <summary>Adaptive average pooling to size × size.</summary>
    public ArchitectureBuilder AdaptiveAvgPool(string name, long size)
    {
        var (c, _, _) = Image(name);
        return Add(new LayerSpec(name, "AdaptiveAvgPool2d", [c, size, size], 0, 0, 0, 0));
    }

    /// <summary>Flattens the current shape to a feature vector (no row: flattening has no parameters).</summary>
    public ArchitectureBuilder Flatten()
    {
        Shape = [Shape.Aggregate(1L, (a, b) => checked(a * b))];
        return this;
    }

    /// <summary>A linear layer from the (flattened) current shape to <paramref name="outputs"/> features.</summary>
    public ArchitectureBuilder Linear(string name, long outputs, bool bias = true)
    {
        long inputs = Shape.Aggregate(1L, (a, b) => checked(a * b));
        long parameters = ParameterFormulas.Linear(inputs, outputs, bias);
        return Add(new LayerSpec(name, "Linear", [outputs], parameters, 0, checked(inputs * outputs), parameters));
    }

    /// <summary>The breakdown of the layers appended so far.</summary>
    public Breakdown Build(string name) => new(name, layers);

    private ArchitectureBuilder Add(LayerSpec layer)
    {
        layers.Add(layer);
        Shape = [.. layer.OutputShape];
        return this;
    }

    private (long C, long H, long W) Image(string name) => Shape.Length == 3
        ? (Shape[0], Shape[1], Shape[2])
        : throw new InvalidOperationException($"Layer '{name}' needs an image shape [C, H, W] but the current shape is [{string.Join(", ", Shape)}].");
}
