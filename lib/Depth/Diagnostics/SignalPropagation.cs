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
        double q0, double c0, int pairs, long seed, bool orthogonal = false, int recordEvery = 1)
    {
        ArgumentNullException.ThrowIfNull(activation);
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        ArgumentOutOfRangeException.ThrowIfLessThan(recordEvery, 1);
        var q = new double[depth + 1]; var c = new double[depth + 1];
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var (x1, x2) = CorrelatedPair(width, pairs, q0, c0, seed);
        var h = cat([x1, x2], 0);                                          // [2P, N]
        (q[0], c[0]) = Measure(x1, x2);
        using var g = Initialisers.Seeded(seed + 1);
        const int chunk = 256;                                             // layers drawn at once
        var w = empty(chunk, width, width);
        var b = empty(chunk, width);
        for (int first = 1; first <= depth; first += chunk)
        {
            int k = Math.Min(chunk, depth - first + 1);
            Initialisers.CriticalStack(w.narrow(0, 0, k), b.narrow(0, 0, k), weightVariance, biasVariance, g, orthogonal);
            for (int j = 0, l = first; j < k; j++, l++)
            {
                using var step = NewDisposeScope();
                var next = activation.Function(h).matmul(w[j].t()).add_(b[j], Scalars.One).MoveToOuterDisposeScope();
                h.Dispose();
                h = next;
                (q[l], c[l]) = l % recordEvery == 0 || l == depth
                    ? Measure(h.narrow(0, 0, pairs), h.narrow(0, pairs, pairs))
                    : (double.NaN, double.NaN);
            }
        }
        return new SignalTrajectory(q, c);
    }
}
