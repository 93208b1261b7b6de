using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// Empirical signal propagation: push pairs of correlated inputs through a random network and measure, layer by
/// layer, the length qˡ = ‖hˡ‖²/N and the correlation cˡ = ⟨h₁ˡ, h₂ˡ⟩/(‖h₁ˡ‖‖h₂ˡ‖) (averaged over pairs), to set
/// beside the mean-field prediction <see cref="MeanField.Propagate"/> (Poole et al. 2016, Fig. 1; Schoenholz et al. 2017).
/// </summary>
public static class SignalPropagation
{
    /// <summary>
    /// Pairs of inputs [pairs, width] each (float32) with exactly ‖x‖²/N = q and cos(x₁, x₂) = c for every pair
    /// (Gram–Schmidt on Gaussian draws).
    /// </summary>
    public static (Tensor X1, Tensor X2) CorrelatedPair(int width, int pairs, double q, double c, long seed)
    {
        if (c < -1 || c > 1) throw new ArgumentOutOfRangeException(nameof(c), c, "Correlation must be in [−1, 1].");
        using var scope = NewDisposeScope();
        using var g = Initialisers.Seeded(seed);
        var a = randn([pairs, width], dtype: ScalarType.Float64, generator: g);
        var b = randn([pairs, width], dtype: ScalarType.Float64, generator: g);
        var u = a / a.norm(1, keepdim: true);
        var v = b - (b * u).sum(1, keepdim: true) * u;
        v = v / v.norm(1, keepdim: true);
        double r = Math.Sqrt(q * width);
        var x1 = (u * r).to(ScalarType.Float32);
        var x2 = ((c * u + Math.Sqrt(1 - c * c) * v) * r).to(ScalarType.Float32);
        return (x1.MoveToOuterDisposeScope(), x2.MoveToOuterDisposeScope());
    }

    /// <summary>(q, c) of a batch of pairs h₁, h₂ [P, …]: mean over pairs and both members of ‖h‖²/N; mean over pairs of the cosine.</summary>
    public static (double Q, double C) Measure(Tensor h1, Tensor h2)
    {
        using var scope = NewDisposeScope();
        var a = h1.detach().reshape(h1.shape[0], -1).to(ScalarType.Float64);
        var b = h2.detach().reshape(h2.shape[0], -1).to(ScalarType.Float64);
        long n = a.shape[1];
        // No temporary Scalar (square() would be pow(·, 2), and qa + qb is add(qb, 1)): called once per layer, and a
        // temporary Scalar can be finalized mid-call (Depth.Scalars, docs/runtime.md).
        var qa = (a * a).sum(1); var qb = (b * b).sum(1);
        var q = qa.add(qb, Scalars.One).mean();
        var c = ((a * b).sum(1) / (qa * qb).sqrt()).mean();
        var both = stack([q, c]).data<double>().ToArray();
        return (both[0] / (2.0 * n), both[1]);
    }

    /// <summary>
    /// Runs x₁, x₂ through <paramref name="layers"/> one module at a time (no gradients; each intermediate is disposed as
    /// soon as the next exists, so memory stays flat over 10,000 layers) and records (q, c) of the input (index 0) and of
    /// the output of every module <paramref name="record"/> selects — by default every Linear/convolution, i.e. the
    /// pre-activations hˡ. The first weight layer sees x directly (q¹ = σ_w² q⁰ + σ_b² in mean field).
    /// </summary>
    public static SignalTrajectory Measure(IEnumerable<nn.Module<Tensor, Tensor>> layers, Tensor x1, Tensor x2, Func<nn.Module, bool>? record = null)
    {
        ArgumentNullException.ThrowIfNull(layers);
        record ??= m => m is TorchSharp.Modules.Linear or TorchSharp.Modules.Convolution;
        var qs = new List<double>(); var cs = new List<double>();
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        long p = x1.shape[0];
        var h = cat([x1, x2], 0);                                          // [2P, …]
        Add(h);
        foreach (var layer in layers)
        {
            var next = layer.call(h);
            if (!ReferenceEquals(next, h)) h.Dispose();
            h = next;
            if (record(layer)) Add(h);
        }
        return new SignalTrajectory(qs.ToArray(), cs.ToArray());

        void Add(Tensor t)
        {
            var (q, c) = Measure(t.narrow(0, 0, p), t.narrow(0, p, p));
            qs.Add(q); cs.Add(c);
        }
    }

    /// <summary>
    /// <see cref="Measure(IEnumerable{nn.Module{Tensor, Tensor}}, Tensor, Tensor, Func{nn.Module, bool}?)"/> over the
    /// direct children of <paramref name="model"/> in order (e.g. a Sequential of Linear and Tanh).
    /// </summary>
    /// <exception cref="ArgumentException">A child does not map one tensor to one tensor.</exception>
    public static SignalTrajectory Measure(nn.Module model, Tensor x1, Tensor x2, Func<nn.Module, bool>? record = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var children = model.named_children().Select(nc => nc.module as nn.Module<Tensor, Tensor>
            ?? throw new ArgumentException($"Child '{nc.name}' ({nc.module.GetType().Name}) is not a Module<Tensor, Tensor>.", nameof(model))).ToList();
        return Measure(children, x1, x2, record);
    }

    /// <summary>
    /// Samples a fresh random layer at each step, hˡ⁺¹ = W φ(hˡ) + b with W ~ N(0, σ_w²/N) (or σ_w·Haar-orthogonal)
    /// and b ~ N(0, σ_b²), starting from pre-activations h⁰ with length q⁰ and correlation c⁰ — the exact setting of
    /// <see cref="MeanField.Propagate"/>, so index l of both trajectories is comparable. No modules are built and each
    /// layer's tensors are freed after use: 10,000 layers at width 256 run in seconds with flat memory.
    /// Measuring costs more than the layer itself at small widths, so <paramref name="recordEvery"/> &gt; 1 measures
    /// only layers 0, k, 2k, … and the last; the entries in between are NaN. The network drawn does not depend on it.
    /// </summary>
    public static SignalTrajectory Sample(
        TensorActivation activation, int width, int depth, double weightVariance, double biasVariance,
        double q0, double c0, int pairs, long seed, bool orthogonal = false, int recordEvery = 1) =>
        Sample(activation, width, depth, weightVariance, biasVariance, q0, c0, pairs, [seed], orthogonal,
            recordEvery)[0];

    /// <summary>
    /// <see cref="Sample(TensorActivation, int, int, double, double, double, double, int, long, bool, int)"/> for one
    /// network per seed, run side by side: network i is the one <c>Sample</c> with <c>seeds[i]</c> draws, and each
    /// layer of all of them is one batched product (at width 32 a libtorch call costs more than its arithmetic).
    /// </summary>
    /// <remarks>Layers are drawn in float32 (<see cref="Initialisers.CriticalStack"/>), a block of them per network
    /// at a time, one generator per network seeded <c>seed + 1</c>; the inputs come from <see cref="CorrelatedPair"/>
    /// with <c>seed</c>.</remarks>
    public static SignalTrajectory[] Sample(
        TensorActivation activation, int width, int depth, double weightVariance, double biasVariance,
        double q0, double c0, int pairs, IReadOnlyList<long> seeds, bool orthogonal = false, int recordEvery = 1)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentNullException.ThrowIfNull(seeds);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfLessThan(recordEvery, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(seeds.Count, 1);
        int nets = seeds.Count;
        var q = new double[nets][]; var c = new double[nets][];
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var inputs = seeds.Select(s => CorrelatedPair(width, pairs, q0, c0, s)).ToArray();
        var h = stack(inputs.Select(x => cat([x.X1, x.X2], 0)).ToArray());      // [nets, 2P, N]
        for (int i = 0; i < nets; i++)
        {
            (q[i], c[i]) = (new double[depth + 1], new double[depth + 1]);
            (q[i][0], c[i][0]) = Measure(inputs[i].X1, inputs[i].X2);
        }
        var generators = seeds.Select(s => Initialisers.Seeded(s + 1)).ToArray();
        // Layers drawn at once: up to 256, and about 16 MB of weights for all networks together.
        int chunk = (int)Math.Clamp((1L << 22) / ((long)nets * width * width), 1, 256);
        var w = empty(nets, chunk, width, width);
        var b = empty(nets, chunk, width);
        try
        {
            for (int first = 1; first <= depth; first += chunk)
            {
                int k = Math.Min(chunk, depth - first + 1);
                for (int i = 0; i < nets; i++)
                    Initialisers.CriticalStack(w[i].narrow(0, 0, k), b[i].narrow(0, 0, k), weightVariance,
                        biasVariance, generators[i], orthogonal, ScalarType.Float32);
                var wt = w.transpose(2, 3);                                       // Wᵀ [nets, chunk, N, N]
                for (int j = 0, l = first; j < k; j++, l++)
                {
                    using var step = NewDisposeScope();
                    // φ(hˡ) [nets, 2P, N] · Wᵀ [nets, N, N] + b [nets, 1, N]
                    var next = bmm(activation.Function(h), wt.select(1, j))
                        .add_(b.select(1, j).unsqueeze(1), Scalars.One).MoveToOuterDisposeScope();
                    h.Dispose();
                    h = next;
                    bool measured = l % recordEvery == 0 || l == depth;
                    for (int i = 0; i < nets; i++)
                        (q[i][l], c[i][l]) = measured
                            ? Measure(h[i].narrow(0, 0, pairs), h[i].narrow(0, pairs, pairs))
                            : (double.NaN, double.NaN);
                }
            }
        }
        finally
        {
            foreach (var g in generators) g.Dispose();
        }
        return Enumerable.Range(0, nets).Select(i => new SignalTrajectory(q[i], c[i])).ToArray();
    }
}
