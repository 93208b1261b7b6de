using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// A named rule that initialises one layer's weight and bias from a generator; apply it to a whole network
/// with <see cref="InitExtensions.InitialisedWith"/>. The static members are the course's schemes.
/// </summary>
/// <param name="Name">Display name, e.g. "orthogonal (gain 1)".</param>
/// <param name="Initialise">Fills (weight, bias or null) in place.</param>
public sealed record InitScheme(string Name, Action<Tensor, Tensor?, Generator> Initialise)
{
    /// <summary>Fills a stack of k layers of one shape (weights [k, …], biases [k, out] or null) with exactly what k
    /// calls of <see cref="Initialise"/> in a row would put there, only faster; null where a scheme has no such
    /// form (its stacks are then filled layer by layer).</summary>
    public Action<Tensor, Tensor?, Generator>? InitialiseStack { get; init; }

    static void ZeroBias(Tensor? bias) { if (bias is not null) Initialisers.Zeros(bias); }

    /// <summary>Weights N(0, 1), biases 0 (<see cref="Initialisers.Naive"/>).</summary>
    public static InitScheme Naive { get; } = new("naive N(0,1)", (w, b, g) => { Initialisers.Naive(w, g); ZeroBias(b); });

    /// <summary>Weights U(−limit, limit), biases 0 (<see cref="Initialisers.SmallUniform"/>).</summary>
    public static InitScheme SmallUniform(double limit = 0.01) =>
        new($"small uniform ±{limit:G3}", (w, b, g) => { Initialisers.SmallUniform(w, g, limit); ZeroBias(b); });

    /// <summary>Xavier/Glorot uniform weights, biases 0.</summary>
    public static InitScheme XavierUniform(double gain = 1.0) =>
        new($"Xavier uniform (gain {gain:G4})", (w, b, g) => { Initialisers.XavierUniform(w, g, gain); ZeroBias(b); });

    /// <summary>Xavier/Glorot normal weights, biases 0.</summary>
    public static InitScheme XavierNormal(double gain = 1.0) =>
        new($"Xavier normal (gain {gain:G4})", (w, b, g) => { Initialisers.XavierNormal(w, g, gain); ZeroBias(b); });

    /// <summary>He/Kaiming normal weights (gain √2 by default), biases 0.</summary>
    public static InitScheme KaimingNormal(double gain = 1.4142135623730951, FanMode mode = FanMode.FanIn) =>
        new($"Kaiming normal (gain {gain:G4}, {mode})", (w, b, g) => { Initialisers.KaimingNormal(w, g, gain, mode); ZeroBias(b); });

    /// <summary>He/Kaiming uniform weights (gain √2 by default), biases 0.</summary>
    public static InitScheme KaimingUniform(double gain = 1.4142135623730951, FanMode mode = FanMode.FanIn) =>
        new($"Kaiming uniform (gain {gain:G4}, {mode})", (w, b, g) => { Initialisers.KaimingUniform(w, g, gain, mode); ZeroBias(b); });

    /// <summary>Orthogonal weights (flattened for convolutions), biases 0.</summary>
    public static InitScheme Orthogonal(double gain = 1.0) =>
        new($"orthogonal (gain {gain:G4})", (w, b, g) => { Initialisers.Orthogonal(w, g, gain); ZeroBias(b); });

    /// <summary>Delta-orthogonal for convolutions, orthogonal for Linear layers; biases 0.</summary>
    public static InitScheme DeltaOrthogonal(double gain = 1.0) =>
        new($"delta-orthogonal (gain {gain:G4})", (w, b, g) =>
        {
            if (w.dim() > 2) Initialisers.DeltaOrthogonal(w, g, gain); else Initialisers.Orthogonal(w, g, gain);
            ZeroBias(b);
        });

    /// <summary>Critical (σ_w², σ_b²) from mean-field theory (<see cref="Initialisers.Critical"/>).</summary>
    public static InitScheme Critical(double weightVariance, double biasVariance, bool orthogonal = false) =>
        new($"critical σ_w²={weightVariance:G7}, σ_b²={biasVariance:G7}{(orthogonal ? ", orthogonal" : ", Gaussian")}",
            (w, b, g) => Initialisers.Critical(w, b, weightVariance, biasVariance, g, orthogonal))
        {
            InitialiseStack = (w, b, g) => Initialisers.CriticalStack(w, b, weightVariance, biasVariance, g, orthogonal),
        };

    /// <summary>Critical initialisation at a point of the critical line
    /// (<see cref="MeanField"/>'s <c>CriticalPoint</c>): weights of variance σ_w²/fan_in,
    /// Gaussian or σ_w·orthogonal (delta-orthogonal for convolutions, Xiao et al. 2018), biases
    /// N(0, σ_b²) (<see cref="Initialisers.Critical"/>).</summary>
    public static InitScheme Critical(CriticalPoint at, bool orthogonal = false)
    {
        ArgumentNullException.ThrowIfNull(at);
        return Critical(at.WeightVariance, at.BiasVariance, orthogonal);
    }

    /// <summary>
    /// Initialises every Linear and convolution layer of <paramref name="module"/> (itself included), in
    /// forward (registration) order, from one generator seeded with <paramref name="seed"/>. Returns the number of layers set.
    /// A model with stacked layers (<see cref="IWeightLayerViews"/>) is initialised stack by stack (<see
    /// cref="InitialiseStack"/>) where the scheme can, else layer by layer: the same numbers either way.
    /// </summary>
    internal static int Apply(nn.Module module, InitScheme scheme, long seed)
    {
        ArgumentNullException.ThrowIfNull(module);
        if (module is IWeightLayerViews stacked)
        {
            ArgumentNullException.ThrowIfNull(scheme);
            using var generator = Initialisers.Seeded(seed);
            int count = 0;
            using var noGrad = no_grad();
            foreach (var stack in stacked.WeightLayerStacks())
            {
                long k = stack.Weights.shape[0];
                if (k > 1 && scheme.InitialiseStack is { } all) all(stack.Weights, stack.Biases, generator);
                else
                    for (long l = 0; l < k; l++) scheme.Initialise(stack.Weights[l], stack.Biases?[l], generator);
                count += (int)k;
            }
            return count;
        }
        return Apply(ModuleTree.DepthFirst(module).Select(m => m.Module), scheme, seed);
    }

    /// <summary>Initialises the Linear and convolution layers among <paramref name="layers"/> in order (others are skipped).</summary>
    internal static int Apply(IEnumerable<nn.Module> layers, InitScheme scheme, long seed)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(scheme);
        using var generator = Initialisers.Seeded(seed);
        int count = 0;
        foreach (var layer in layers)
        {
            var (weight, bias) = layer switch
            {
                Linear l => (l.weight, l.bias),
                Convolution c => (c.weight, c.bias),
                _ => ((Tensor?)null, (Tensor?)null),
            };
            if (weight is null) continue;
            scheme.Initialise(weight, bias, generator);
            count++;
        }
        return count;
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
