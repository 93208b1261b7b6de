using Depth.Runtime;
using static TorchSharp.torch;

namespace Depth.Diagnostics;

/// <summary>An element-wise nonlinearity on tensors with its derivative (for layer Jacobians D = diag φ'(h)).</summary>
/// <param name="Name">Display name.</param>
/// <param name="Function">φ(h).</param>
/// <param name="Derivative">φ'(h).</param>
public sealed record TensorActivation(string Name, Func<Tensor, Tensor> Function, Func<Tensor, Tensor> Derivative)
{
    /// <summary>tanh, with φ' = 1 − tanh².</summary>
    public static TensorActivation Tanh { get; } =
        new("tanh", h => h.tanh(), h => h.tanh().square().neg_().add_(Scalars.One, Scalars.One));

    /// <summary>ReLU, with φ' = 1[h &gt; 0].</summary>
    public static TensorActivation Relu { get; } = new("ReLU", h => h.relu(), h => h.gt(Scalars.Zero).to(h.dtype));

    /// <summary>Identity (deep linear network).</summary>
    public static TensorActivation Identity { get; } = new("identity", h => h.alias(), h => ones_like(h));

    /// <inheritdoc/>
    public override string ToString() => Name;
}
