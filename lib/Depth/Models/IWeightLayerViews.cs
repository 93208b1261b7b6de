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
/// Consecutive weight layers of equal shape kept in one stacked parameter, as views into it.
/// </summary>
/// <param name="Weights">[k, out, in, …]: layer i is <c>Weights[i]</c>.</param>
/// <param name="Biases">[k, out], or null.</param>
public sealed record WeightLayerStack(Tensor Weights, Tensor? Biases)
{
    /// <summary>Fills each layer's weight, then its bias, with U(−bound, bound) from <paramref name="generator"/>,
    /// layer by layer: the numbers that <c>uniform_</c> on each view in turn gives (libtorch draws uniforms one
    /// element after another, in memory order), from one draw of [k, weight + bias] instead of 2k calls.</summary>
    internal void FillUniform(double bound, Generator generator)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        long k = Weights.shape[0], m = Weights[0].numel(), n = Biases?.shape[1] ?? 0;
        var u = empty([k, m + n], dtype: Weights.dtype).uniform_(-bound, bound, generator);
        Weights.copy_(u.narrow(1, 0, m).reshape(Weights.shape));
        Biases?.copy_(u.narrow(1, m, n));
    }
}

/// <summary>
/// A network that keeps many weight layers in a few stacked parameters (e.g. <see cref="StackedTanhMlp"/>) and lists them
/// one by one, in forward order, so that per-layer tools — <c>InitialisedWith</c>, <c>GradientNorms.PerLayer</c> —
/// address layer l exactly as they would address a <c>Linear</c> module.
/// </summary>
public interface IWeightLayerViews
{
    /// <summary>Every weight layer, input side first; the views share storage with the parameters.</summary>
    IEnumerable<WeightLayerView> WeightLayerViews();

    /// <summary>The same layers in the same order, grouped: each stacked parameter as one stack, every other layer
    /// as a stack of one. Initialisers that can fill many layers at once (<see cref="InitScheme.InitialiseStack"/>)
    /// take a stack in one call instead of thousands.</summary>
    IEnumerable<WeightLayerStack> WeightLayerStacks();
}
