using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// One weight layer of a network whose layers live in stacked parameters: views into those parameters.
/// </summary>
/// <param name="Name">Readable path, e.g. <c>layers.17</c>.</param>
/// <param name="Weight">View [out, in] of the stacked weight; writing into it (under no_grad) re-initialises the layer.</param>
/// <param name="Bias">View [out] of the stacked bias, or null.</param>
/// <param name="WeightGrad">The layer's slice of the stacked weight's gradient, or null before a backward pass.</param>
public sealed record WeightLayerView(string Name, Tensor Weight, Tensor? Bias, Func<Tensor?> WeightGrad);

/// <summary>
/// A network that keeps many weight layers in a few stacked parameters (e.g. <see cref="StackedTanhMlp"/>) and lists them
/// one by one, in forward order, so that per-layer tools — <c>InitialisedWith</c>, <c>GradientNorms.PerLayer</c> —
/// address layer l exactly as they would address a <c>Linear</c> module.
/// </summary>
public interface IWeightLayerViews
{
    /// <summary>Every weight layer, input side first; the views share storage with the parameters.</summary>
    IEnumerable<WeightLayerView> WeightLayerViews();
}
