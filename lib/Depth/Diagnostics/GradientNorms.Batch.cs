using static TorchSharp.torch;

namespace Depth;

public static partial class GradientNorms
{
    /// <summary>
    /// The gradient profile of one batch: forward <paramref name="x"/>, cross-entropy against the
    /// class indices <paramref name="y"/>, backward, then ‖∂L/∂W_l‖_F for every weight layer (<see
    /// cref="PerLayer(nn.Module)"/>). The gradients are cleared before and after, so the model is
    /// left as it was found (e.g. at initialisation) and the pass's tensors are freed when it
    /// returns. The norms carry the batch's loss (<see cref="LayerGradientNorms.Loss"/>).
    /// </summary>
    /// <param name="model">A classifier: x → logits [batch, classes].</param>
    /// <param name="x">Inputs, [batch, …] as the model takes them.</param>
    /// <param name="y">Class indices, int64 [batch].</param>
    public static LayerGradientNorms OfBatch(nn.Module<Tensor, Tensor> model, Tensor x, Tensor y)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        using var scope = NewDisposeScope();
        model.zero_grad();
        var loss = nn.functional.cross_entropy(model.call(x), y);
        loss.backward();
        var norms = PerLayer(model) with { Loss = loss.to(ScalarType.Float64).item<double>() };
        model.zero_grad();
        return norms;
    }
}
