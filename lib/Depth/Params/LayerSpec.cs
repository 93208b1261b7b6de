namespace Depth;

/// <summary>
/// One row of a parameter breakdown: a layer's name, kind, output shape (per example, batch dimension left out),
/// its own trainable parameters and buffer elements, its multiply-adds for one example, and its count in the Keras convention.
/// </summary>
/// <param name="Name">The layer's dotted path, e.g. <c>layer1.0.conv1</c> (torchvision names where they exist).</param>
/// <param name="Kind">The layer type: <c>Conv2d</c>, <c>BatchNorm2d</c>, <c>Linear</c>, <c>MaxPool2d</c> …</param>
/// <param name="OutputShape">Output shape of one example, e.g. [64, 112, 112] for C×H×W or [1000] for features.</param>
/// <param name="Parameters">Trainable parameters (PyTorch convention: what <c>parameters()</c> holds).</param>
/// <param name="Buffers">Buffer elements (BatchNorm: running_mean, running_var and the num_batches_tracked counter, 2c + 1).</param>
/// <param name="MultiplyAdds">Multiply-accumulate operations of the layer's weights for one example
/// (convolution: C_out·H_out·W_out·(C_in/groups)·k_h·k_w; linear: in·out; others 0).</param>
/// <param name="KerasParameters">The count Keras reports for the same layer: convolutions always carry a bias
/// (+ C_out when the PyTorch layer has none) and BatchNorm has four vectors γ, β, moving mean, moving variance (4c,
/// of which the two moving statistics are non-trainable).</param>
public sealed record LayerSpec(
    string Name,
    string Kind,
    IReadOnlyList<long> OutputShape,
    long Parameters,
    long Buffers,
    long MultiplyAdds,
    long KerasParameters)
{
    /// <summary>Output shape as text, e.g. <c>64×56×56</c>.</summary>
    public string ShapeText => string.Join("×", OutputShape);

    /// <summary>Whether the layer is a convolution.</summary>
    public bool IsConvolution => Kind.StartsWith("Conv", StringComparison.Ordinal);

    /// <summary>Whether the layer is a batch normalisation.</summary>
    public bool IsBatchNorm => Kind.StartsWith("BatchNorm", StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Name} ({Kind}) → {ShapeText}: {Parameters:N0} parameters, {Buffers:N0} buffer elements, {MultiplyAdds:N0} multiply-adds";
}
