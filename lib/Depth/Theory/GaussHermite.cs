using System.Collections.Concurrent;

namespace Depth;

/// <summary>
/// Gauss–Hermite quadrature for expectations over a standard normal variable:
/// E_{z~N(0,1)}[f(z)] ≈ Σᵢ wᵢ f(zᵢ), exact for polynomials of degree ≤ 2n − 1.
/// </summary>
/// <remarks>
/// Nodes tᵢ and weights Wᵢ of the physicists' rule (∫ e^{−t²} g(t) dt ≈ Σ Wᵢ g(tᵢ)) are computed in
/// double precision by Newton's method on the three-term recurrence of the orthonormal Hermite
/// polynomials, p₀ = π^{−1/4}, p_{j} = t·√(2/j)·p_{j−1} − √((j−1)/j)·p_{j−2}, with weight
/// Wᵢ = 2 / (p'_n(tᵢ))² (Press et al., Numerical Recipes, 3rd ed., §4.6 "gauher"; Golub and Welsch,
/// "Calculation of Gauss quadrature rules", Math. Comp. 23, 1969, for the equivalent eigenvalue view).
/// The probabilists' rule used here is zᵢ = √2·tᵢ, wᵢ = Wᵢ/√π, so Σ wᵢ = 1.
/// </remarks>
public sealed class GaussHermite
{
    /// <summary>The node count that reproduces the guide's mean-field table to 1e-6 (120).</summary>
    public const int DefaultNodes = 120;

    static readonly ConcurrentDictionary<int, GaussHermite> Cache = new();

    /// <summary>Probabilists' nodes zᵢ (ascending), for z ~ N(0, 1).</summary>
    public IReadOnlyList<double> Nodes => nodes;

    /// <summary>Probabilists' weights wᵢ (they sum to 1).</summary>
    public IReadOnlyList<double> Weights => weights;

    /// <summary>Number of nodes n.</summary>
    public int Count => nodes.Length;

    readonly double[] nodes;
    readonly double[] weights;

    /// <summary>
    /// E[f(u₁) g(u₂)] for u₁ = a z₁, u₂ = b (c z₁ + √(1−c²) z₂), z₁, z₂ independent N(0, 1): the Gaussian pair
    /// with variances a², b² and correlation c, by the tensor-product rule (n² evaluations of g, n of f).
    /// </summary>
    public double ExpectPair(Func<double, double> f, Func<double, double> g, double a, double b, double c)
    {
        double s = Math.Sqrt(Math.Max(0, 1 - c * c)), sum = 0;
        for (int i = 0; i < nodes.Length; i++)
        {
            double fi = f(a * nodes[i]);
            if (fi == 0) continue;
            double shift = b * c * nodes[i], scale = b * s, inner = 0;
            for (int j = 0; j < nodes.Length; j++) inner += weights[j] * g(shift + scale * nodes[j]);
            sum += weights[i] * fi * inner;
        }
        return sum;
    }

    GaussHermite(double[] nodes, double[] weights) { this.nodes = nodes; this.weights = weights; }

    /// <summary>The n-node rule (computed once per n and cached; thread-safe).</summary>
    /// <param name="n">Number of nodes, 1 ≤ n ≤ 400.</param>
    public static GaussHermite Get(int n = DefaultNodes)
    {
        if (n < 1 || n > 400) throw new ArgumentOutOfRangeException(nameof(n), n, "Gauss–Hermite node count must be in 1..400.");
        return Cache.GetOrAdd(n, Compute);
    }

    /// <summary>E_{z~N(0,1)}[f(z)] ≈ Σᵢ wᵢ f(zᵢ).</summary>
    public double Expect(Func<double, double> f)
    {
        double sum = 0;
        for (int i = 0; i < nodes.Length; i++) sum += weights[i] * f(nodes[i]);
        return sum;
    }

    /// <summary>
    /// E[f(z₁, z₂)] for independent z₁, z₂ ~ N(0, 1) by the tensor-product rule (n² evaluations).
    /// </summary>
    public double Expect2(Func<double, double, double> f)
    {
        double sum = 0;
        for (int i = 0; i < nodes.Length; i++)
        {
            double inner = 0;
            for (int j = 0; j < nodes.Length; j++) inner += weights[j] * f(nodes[i], nodes[j]);
            sum += weights[i] * inner;
        }
        return sum;
    }

    static GaussHermite Compute(int n)
    {
        const double pim4 = 0.7511255444649425; // π^{−1/4}
        var t = new double[n];
        var w = new double[n];
        int m = (n + 1) / 2;
        double z = 0;
        for (int i = 0; i < m; i++)
        {
            // Initial guesses for the largest roots first (Numerical Recipes §4.6).
            z = i switch
            {
                0 => Math.Sqrt(2.0 * n + 1) - 1.85575 * Math.Pow(2.0 * n + 1, -0.16667),
                1 => z - 1.14 * Math.Pow(n, 0.426) / z,
                2 => 1.86 * z - 0.86 * t[0],
                3 => 1.91 * z - 0.91 * t[1],
                _ => 2.0 * z - t[i - 2],
            };
            double pp = 0;
            bool converged = false;
            for (int iteration = 0; iteration < 100; iteration++)
            {
                double p1 = pim4, p2 = 0;
                for (int j = 0; j < n; j++)
                {
                    double p3 = p2;
                    p2 = p1;
                    p1 = z * Math.Sqrt(2.0 / (j + 1)) * p2 - Math.Sqrt((double)j / (j + 1)) * p3;
                }
                pp = Math.Sqrt(2.0 * n) * p2;
                double z1 = z;
                z = z1 - p1 / pp;
                if (Math.Abs(z - z1) <= 1e-14 * Math.Max(1, Math.Abs(z))) { converged = true; break; }
            }
            if (!converged) throw new InvalidOperationException($"Gauss–Hermite: Newton did not converge for root {i} of n = {n}.");
            t[i] = z; t[n - 1 - i] = -z;
            w[i] = 2.0 / (pp * pp); w[n - 1 - i] = w[i];
        }
        // Physicists' → probabilists', ascending order.
        var nodes = new double[n];
        var weights = new double[n];
        for (int i = 0; i < n; i++)
        {
            nodes[i] = Math.Sqrt(2.0) * t[n - 1 - i];
            weights[i] = w[n - 1 - i] / Math.Sqrt(Math.PI);
        }
        return new GaussHermite(nodes, weights);
    }

    /// <inheritdoc/>
    public override string ToString() => $"Gauss–Hermite rule, {Count} nodes (probabilists', z ~ N(0,1))";
}
