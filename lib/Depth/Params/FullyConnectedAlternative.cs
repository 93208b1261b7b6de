namespace Depth;

/// <summary>
/// The seed's thought experiment: replace a convolutional network by one dense layer on the flattened image, and compare
/// its parameter count with ResNet-50's.
/// </summary>
/// <param name="Description">What the dense layer maps, e.g. "224×224×3 → 2,048".</param>
/// <param name="Inputs">Flattened inputs (224·224·3 = 150,528).</param>
/// <param name="Outputs">Output features.</param>
/// <param name="Parameters">inputs·outputs + outputs (weights and biases).</param>
/// <param name="RatioToResNet50">Parameters ÷ ResNet-50's 25,557,032 (PyTorch convention, with fc).</param>
/// <param name="RatioToResNet50Keras">Parameters ÷ ResNet-50's 23,587,712 (Keras convention, without top: the figure the seed quotes).</param>
public sealed record FullyConnectedAlternative(string Description, long Inputs, long Outputs, long Parameters, double RatioToResNet50, double RatioToResNet50Keras)
{
    /// <summary>Float32 storage of the dense layer.</summary>
    public long Float32Bytes => ParameterFormulas.Float32Bytes(Parameters);

    /// <summary>
    /// The two alternatives of the seed on a height × width × channels image: a dense layer to ResNet-50's feature width
    /// (2,048) and a dense layer to ResNet-50's last feature map (2048 × 7 × 7 = 100,352 at 224), both computed from the
    /// analytic ResNet-50 breakdown.
    /// </summary>
    public static IReadOnlyList<FullyConnectedAlternative> Seed(int size = 224, int channels = 3)
    {
        var resnet = Architectures.ResNet50(size: size);
        var backbone = Architectures.ResNet50(size: size, includeTop: false);
        var lastMap = backbone.Layers.Last(l => l.IsBatchNorm).OutputShape;        // [2048, 7, 7] at 224
        long features = lastMap[0], mapElements = lastMap.Aggregate(1L, (a, b) => a * b);
        return [Make(features), Make(mapElements)];

        FullyConnectedAlternative Make(long outputs)
        {
            var dense = Architectures.FullyConnected(size, size, channels, outputs);
            long inputs = (long)size * size * channels;
            return new FullyConnectedAlternative($"{size}×{size}×{channels} → {outputs:N0}", inputs, outputs, dense.Parameters,
                (double)dense.Parameters / resnet.Parameters, (double)dense.Parameters / backbone.KerasParameters);
        }
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Description}: {Parameters:N0} parameters ({Memory.Format(Float32Bytes)} float32), {RatioToResNet50:F1}× ResNet-50";
}
