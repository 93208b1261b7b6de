using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>What one initialisation does to a deep <see cref="Mlp"/> before any training, measured
/// on one batch: the loss, the gradient ‖∂L/∂W_l‖_F reaching every hidden layer (back-propagation
/// multiplies one Jacobian per layer, so the norms grow or shrink like χ^L with χ = n σ_w²
/// E[φ'(z)²]; Glorot &amp; Bengio 2010, He et al. 2015), and the spread and saturation of every
/// hidden layer's pre-activation z_l.</summary>
/// <param name="Activation">The nonlinearity φ.</param>
/// <param name="Init">Name of the initialisation.</param>
/// <param name="Loss">Cross-entropy on the batch at initialisation.</param>
/// <param name="GradNorms">‖∂L/∂W_l‖_F for the hidden layers, input first: [depth].</param>
/// <param name="Stds">Standard deviation of z_l per hidden layer: [depth].</param>
/// <param name="Saturated">Fraction of saturated units per hidden layer
/// (<see cref="SaturationRule.OnPreActivation"/>): [depth].</param>
public sealed record InitProbe(Activation Activation, string Init, double Loss, double[] GradNorms,
                               double[] Stds, double[] Saturated)
{
    /// <summary>"activation · init", the probe's label in tables and charts.</summary>
    public string Label => $"{Activation} · {Init}";

    /// <summary>Builds an <see cref="Mlp"/> (inputs from <paramref name="x"/> [B, features],
    /// <paramref name="depth"/> hidden layers of <paramref name="width"/> units, <paramref
    /// name="classes"/> outputs), initialises it with <paramref name="scheme"/>, casts it to
    /// <paramref name="x"/>'s dtype (float64 keeps norms of 10⁻³⁰⁰ … 10³⁰⁰ finite) and measures one
    /// forward and backward pass on (x, y).</summary>
    public static InitProbe Measure(Activation activation, string init, InitScheme scheme,
        int width, int depth, Tensor x, Tensor y, long seed, int classes = 10)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        using var model = Build(activation, scheme, width, depth, x, seed, classes);
        model.to(x.dtype);
        var grads = GradientNorms.OfBatch(model, x, y);
        var stats = ActivationStats.Record(model, x, SaturationRule.OnPreActivation(activation),
            (name, _) => name.StartsWith("layers.", StringComparison.Ordinal));
        return new InitProbe(activation, init, grads.Loss, grads.Indexed("layers."), stats.Stds,
            stats.SaturatedFractions);
    }

    /// <summary>Only the loss at initialisation, computed in <paramref name="x"/>'s dtype without
    /// casting the model (float32: a forward pass that overflows shows as ∞ or NaN).</summary>
    public static double LossAtInit(Activation activation, InitScheme scheme, int width, int depth,
                                    Tensor x, Tensor y, long seed, int classes = 10)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        using var model = Build(activation, scheme, width, depth, x, seed, classes);
        using var scope = NewDisposeScope();
        return nn.functional.cross_entropy(model.call(x), y).to(ScalarType.Float64).item<double>();
    }

    /// <summary>One row per probe: loss at initialisation, first and last hidden layer's gradient
    /// norm and their ratio (≪ 1 vanishing, ≫ 1 exploding).</summary>
    public static Table Summary(IEnumerable<InitProbe> probes)
    {
        ArgumentNullException.ThrowIfNull(probes);
        var list = probes.ToList();
        int depth = list.Count == 0 ? 0 : list[0].GradNorms.Length;
        return Table.From(["activation", "init", "loss at init", "‖∇W‖ layer 1",
                $"‖∇W‖ layer {depth}", $"layer 1 / layer {depth}"],
            list.Select(p => (IReadOnlyList<object?>)[p.Activation.ToString(), p.Init,
                p.Loss.ToString("G3"), p.GradNorms[0].ToString("G3"),
                p.GradNorms[^1].ToString("G3"),
                (p.GradNorms[0] / p.GradNorms[^1]).ToString("G3")]));
    }

    static Mlp Build(Activation activation, InitScheme scheme, int width, int depth, Tensor x,
                     long seed, int classes)
    {
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 2)
            throw new ArgumentException($"InitProbe needs a batch [B, features], got {x.dim()}-d.");
        var model = new Mlp((int)x.shape[1], width, depth, classes, activation, seed: seed);
        return model.InitialisedWith(scheme, seed);
    }
}
