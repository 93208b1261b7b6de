using System.Globalization;
using System.Text;

namespace Depth;

/// <summary>
/// A per-layer parameter breakdown (analytic from <see cref="Architectures"/> or measured by <see cref="ModuleSummary"/>)
/// with totals in both counting conventions.
/// </summary>
/// <remarks>
/// PyTorch counts <c>parameters()</c>: trainable tensors only. Keras counts every weight of a layer: its convolutions carry
/// biases and its BatchNorm holds γ, β and the non-trainable moving mean and variance. For an architecture whose convolutions
/// have no bias and are each followed by BatchNorm (ResNet), Keras − PyTorch = Σ conv C_out (biases) + Σ BN 2c (moving statistics).
/// </remarks>
public sealed class Breakdown
{
    /// <summary>Wraps rows in forward order.</summary>
    public Breakdown(string name, IEnumerable<LayerSpec> layers)
    {
        Name = name;
        Layers = [.. layers];
    }

    /// <summary>What was counted, e.g. "ResNet-50 (224×224×3)".</summary>
    public string Name { get; }

    /// <summary>The rows in forward order.</summary>
    public IReadOnlyList<LayerSpec> Layers { get; }

    /// <summary>Trainable parameters, PyTorch convention (Σ <see cref="LayerSpec.Parameters"/>).</summary>
    public long Parameters => Layers.Sum(l => l.Parameters);

    /// <summary>Buffer elements (BatchNorm running statistics and counters).</summary>
    public long Buffers => Layers.Sum(l => l.Buffers);

    /// <summary>Multiply-adds for one example.</summary>
    public long MultiplyAdds => Layers.Sum(l => l.MultiplyAdds);

    /// <summary>Total count in the Keras convention (Σ <see cref="LayerSpec.KerasParameters"/>).</summary>
    public long KerasParameters => Layers.Sum(l => l.KerasParameters);

    /// <summary>The part of Keras − PyTorch due to convolution biases PyTorch leaves out (Σ over convolutions).</summary>
    public long KerasConvolutionBiases => Layers.Where(l => l.IsConvolution).Sum(l => l.KerasParameters - l.Parameters);

    /// <summary>The part of Keras − PyTorch due to BatchNorm moving mean and variance (Σ over BatchNorms of 2c).</summary>
    public long KerasMovingStatistics => Layers.Where(l => l.IsBatchNorm).Sum(l => l.KerasParameters - l.Parameters);

    /// <summary>Keras "trainable params": PyTorch parameters + convolution biases.</summary>
    public long KerasTrainable => Parameters + KerasConvolutionBiases;

    /// <summary>Keras "non-trainable params": the moving statistics.</summary>
    public long KerasNonTrainable => KerasMovingStatistics;

    /// <summary>Float32 storage of the trainable parameters (4 bytes each).</summary>
    public long Float32Bytes => ParameterFormulas.Float32Bytes(Parameters);

    /// <summary>The breakdown without the layers whose name is <paramref name="name"/> or starts with <paramref name="name"/> + "." (e.g. "fc": without the classifier).</summary>
    public Breakdown Without(string name)
    {
        var kept = Layers.Where(l => l.Name != name && !l.Name.StartsWith(name + ".", StringComparison.Ordinal)).ToList();
        if (kept.Count == Layers.Count)
            throw new ArgumentException($"Breakdown '{Name}' has no layer named '{name}'.", nameof(name));
        return new Breakdown($"{Name} without {name}", kept);
    }

    /// <summary>A text table: one row per layer, then the totals in both conventions and float32 memory.</summary>
    public override string ToString()
    {
        var c = CultureInfo.InvariantCulture;
        int nameWidth = Math.Max(5, Layers.Count == 0 ? 0 : Layers.Max(l => l.Name.Length));
        int kindWidth = Math.Max(4, Layers.Count == 0 ? 0 : Layers.Max(l => l.Kind.Length));
        int shapeWidth = Math.Max(12, Layers.Count == 0 ? 0 : Layers.Max(l => l.ShapeText.Length));
        var text = new StringBuilder();
        text.AppendLine(Name);
        text.AppendLine(c, $"{"Layer".PadRight(nameWidth)}  {"Kind".PadRight(kindWidth)}  {"Output shape".PadRight(shapeWidth)}  {"Parameters",14}  {"Multiply-adds",16}");
        foreach (var l in Layers)
            text.AppendLine(c, $"{l.Name.PadRight(nameWidth)}  {l.Kind.PadRight(kindWidth)}  {l.ShapeText.PadRight(shapeWidth)}  {l.Parameters,14:N0}  {l.MultiplyAdds,16:N0}");
        text.AppendLine(c, $"Parameters (PyTorch: trainable only): {Parameters:N0}");
        text.AppendLine(c, $"Buffers (running statistics):          {Buffers:N0}");
        text.AppendLine(c, $"Keras convention:                      {KerasParameters:N0} = {Parameters:N0} + {KerasConvolutionBiases:N0} conv biases + {KerasMovingStatistics:N0} moving mean/variance");
        text.AppendLine(c, $"Multiply-adds per example:             {MultiplyAdds:N0}");
        text.Append(c, $"Float32 parameter memory:              {Memory.Format(Float32Bytes)}");
        return text.ToString();
    }
}
