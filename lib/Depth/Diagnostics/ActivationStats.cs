using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>An activation value counts as saturated when it is ≤ Low or ≥ High.</summary>
/// <param name="Low">Lower saturation threshold.</param>
/// <param name="High">Upper saturation threshold.</param>
public sealed record SaturationRule(double Low, double High)
{
    /// <summary>tanh: |a| ≥ threshold (default 0.99), where tanh' = 1 − a² ≤ 0.02.</summary>
    public static SaturationRule Tanh(double threshold = 0.99) => new(-threshold, threshold);

    /// <summary>sigmoid: a ≤ margin or a ≥ 1 − margin (default 0.01).</summary>
    public static SaturationRule Sigmoid(double margin = 0.01) => new(margin, 1 - margin);

    /// <summary>The same rule read on a layer's pre-activation z instead of its output φ(z): a unit
    /// is saturated when φ'(z) ≤ about 0.01–0.02. tanh: |tanh z| ≥ 0.99 ⇔ |z| ≥ atanh 0.99 ≈ 2.65;
    /// sigmoid: σ(z) ≤ 0.01 or ≥ 0.99 ⇔ |z| ≥ ln 99 ≈ 4.60 (Glorot &amp; Bengio 2010 watched
    /// exactly this). ReLU and the identity never saturate on the side that passes gradient: nothing is
    /// counted.</summary>
    public static SaturationRule OnPreActivation(Activation activation) => activation switch
    {
        Activation.Tanh => new(-Math.Atanh(0.99), Math.Atanh(0.99)),
        Activation.Sigmoid => new(-Math.Log(99), Math.Log(99)),
        _ => new(double.NegativeInfinity, double.PositiveInfinity),
    };

    /// <inheritdoc/>
    public override string ToString() => $"saturated if a ≤ {Low:G3} or a ≥ {High:G3}";
}

/// <summary>Statistics of one layer's output over a batch.</summary>
/// <param name="Name">Module path.</param>
/// <param name="Mean">Mean of all entries.</param>
/// <param name="Std">Standard deviation of all entries (population).</param>
/// <param name="SaturatedFraction">Fraction of entries the <see cref="SaturationRule"/> counts as saturated.</param>
public sealed record LayerActivationStats(string Name, double Mean, double Std, double SaturatedFraction)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Name}: mean {Mean:G3}, std {Std:G3}, saturated {SaturatedFraction:P1}";
}

/// <summary>Nonlinearity statistics of every hooked layer, in forward order, with arrays for charts.</summary>
/// <param name="Layers">One entry per recorded forward call.</param>
public sealed record ActivationReport(LayerActivationStats[] Layers)
{
    /// <summary>Layer names.</summary>
    public string[] Names => Layers.Select(l => l.Name).ToArray();
    /// <summary>Means per layer.</summary>
    public double[] Means => Layers.Select(l => l.Mean).ToArray();
    /// <summary>Standard deviations per layer.</summary>
    public double[] Stds => Layers.Select(l => l.Std).ToArray();
    /// <summary>Saturated fractions per layer.</summary>
    public double[] SaturatedFractions => Layers.Select(l => l.SaturatedFraction).ToArray();

    /// <inheritdoc/>
    public override string ToString() =>
        Layers.Length == 0 ? "no activations recorded" :
        $"{Layers.Length} layers: std {Layers[0].Std:G3} → {Layers[^1].Std:G3}, saturated {Layers[0].SaturatedFraction:P0} → {Layers[^1].SaturatedFraction:P0}";
}

/// <summary>Per-layer activation statistics via forward hooks.</summary>
public static class ActivationStats
{
    static readonly HashSet<Type> ActivationTypes =
    [
        typeof(Tanh), typeof(Sigmoid), typeof(ReLU), typeof(ReLU6), typeof(LeakyReLU), typeof(GELU), typeof(ELU),
        typeof(SELU), typeof(CELU), typeof(SiLU), typeof(Mish), typeof(Softplus), typeof(Softsign), typeof(Hardtanh),
        typeof(Hardsigmoid), typeof(Hardswish), typeof(Tanhshrink), typeof(PReLU), typeof(RReLU), typeof(LogSigmoid),
    ];

    /// <summary>The default selection: TorchSharp activation modules (Tanh, Sigmoid, ReLU, GELU, …).</summary>
    public static bool IsActivation(string name, nn.Module module) => ActivationTypes.Contains(module.GetType());

    /// <summary>
    /// Runs <paramref name="model"/> on <paramref name="input"/> without gradients, with a forward hook
    /// (register_forward_hook) on every selected module that records the mean, standard deviation and saturated
    /// fraction of its output; the hooks are removed before returning, even on error.
    /// </summary>
    /// <param name="model">Any module taking and returning one tensor.</param>
    /// <param name="input">A batch, e.g. [B, N].</param>
    /// <param name="saturation">Saturation rule; default <see cref="SaturationRule.Tanh"/>(0.99).</param>
    /// <param name="select">Which modules to hook (name, module); default <see cref="IsActivation"/>.</param>
    public static ActivationReport Record(nn.Module<Tensor, Tensor> model, Tensor input, SaturationRule? saturation = null, Func<string, nn.Module, bool>? select = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(input);
        var rule = saturation ?? SaturationRule.Tanh();
        select ??= IsActivation;
        // The bounds as Scalars held to the end: temporary ones can be finalized mid-call (Depth.Scalars).
        using var low = rule.Low.ToScalar();
        using var high = rule.High.ToScalar();
        using var scope = NewDisposeScope();
        var names = new List<string>();
        var stats = new List<Tensor>();
        var removers = new List<Action>();
        try
        {
            foreach (var (name, module) in WeightLayers.WithRoot(model))
            {
                if (module is not nn.Module<Tensor, Tensor> hookable || !select(name, module)) continue;
                string label = WeightLayers.Label(name, module);
                var remover = hookable.register_forward_hook((_, _, output) =>
                {
                    var a = output.detach().to(ScalarType.Float64);
                    var saturated = a.le(low).logical_or(a.ge(high)).to(ScalarType.Float64).mean();
                    stats.Add(stack([a.mean(), a.std(unbiased: false), saturated]));
                    names.Add(label);
                    return output;
                });
                removers.Add(remover.remove);
            }
            using (no_grad()) model.call(input);
        }
        finally
        {
            foreach (var remove in removers) remove();
        }
        if (stats.Count == 0) return new ActivationReport([]);
        var values = stack(stats).data<double>().ToArray(); // [layers × 3]
        var layers = new LayerActivationStats[stats.Count];
        for (int i = 0; i < layers.Length; i++)
            layers[i] = new LayerActivationStats(names[i], values[3 * i], values[3 * i + 1], values[3 * i + 2]);
        return new ActivationReport(layers);
    }
}
