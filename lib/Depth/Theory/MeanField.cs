namespace Depth;

/// <summary>
/// Mean-field theory of signal propagation in a wide random network
/// hˡ = Wˡ φ(hˡ⁻¹) + bˡ, Wᵢⱼ ~ N(0, σ_w²/N), bᵢ ~ N(0, σ_b²)
/// (Poole et al. 2016, "Exponential expressivity in deep neural networks through transient chaos", NeurIPS;
/// Schoenholz et al. 2017, "Deep Information Propagation", ICLR).
/// Gaussian expectations use <see cref="GaussHermite"/> quadrature (120 nodes by default).
/// </summary>
/// <remarks>
/// Expectations at q = 0 are taken in the limit q → 0⁺ (evaluated at q = 1e-300), so that, e.g.,
/// ReLU's χ₁ is σ_w²/2 there, not φ'(0)-dependent.
/// </remarks>
public sealed partial class MeanField
{
    const double TinyQ = 1e-300;
    const double HugeQ = 1e200;

    /// <summary>Theory for activation φ with an n-node Gauss–Hermite rule.</summary>
    public MeanField(Nonlinearity activation, int quadratureNodes = GaussHermite.DefaultNodes)
    {
        Nonlinearity = activation ?? throw new ArgumentNullException(nameof(activation));
        Rule = GaussHermite.Get(quadratureNodes);
    }

    /// <summary>The nonlinearity φ.</summary>
    public Nonlinearity Nonlinearity { get; }

    /// <summary>The quadrature rule for E over z ~ N(0, 1).</summary>
    public GaussHermite Rule { get; }

    /// <summary>Iteration cap for the fixed-point searches (default 10,000).</summary>
    public int MaxIterations { get; init; } = 10_000;

    /// <summary>Relative tolerance of the fixed-point searches (default 1e-14).</summary>
    public double Tolerance { get; init; } = 1e-14;

    static double Root(double q) => Math.Sqrt(Math.Clamp(q, TinyQ, HugeQ));

    /// <summary>Length map q' = σ_w² E_z[φ(√q z)²] + σ_b² (Poole et al. 2016, Eq. 3).</summary>
    /// <param name="q">Mean squared pre-activation of the previous layer, qˡ⁻¹ ≥ 0.</param>
    /// <param name="weightVariance">σ_w².</param>
    /// <param name="biasVariance">σ_b².</param>
    public double LengthMap(double q, double weightVariance, double biasVariance)
    {
        double s = Root(q);
        var phi = Nonlinearity.Function;
        return weightVariance * Rule.Expect(z => { double a = phi(s * z); return a * a; }) + biasVariance;
    }

    /// <summary>
    /// Slope of the length map, dq'/dq = σ_w² E[φ'(√q z)² + φ''(√q z) φ(√q z)] (Gaussian integration by
    /// parts; Schoenholz et al. 2017, Eq. 5). At q* it sets ξ_q.
    /// </summary>
    public double LengthSlope(double q, double weightVariance)
    {
        double s = Root(q);
        var a = Nonlinearity;
        return weightVariance * Rule.Expect(z =>
        {
            double u = s * z, d = a.Derivative(u);
            return d * d + a.SecondDerivative(u) * a.Function(u);
        });
    }

    /// <summary>χ₁ = σ_w² E_z[φ'(√q z)²] (Poole et al. 2016, Eq. 7): the mean squared singular value of one layer's Jacobian.</summary>
    /// <param name="q">Length, normally q*.</param>
    /// <param name="weightVariance">σ_w².</param>
    public double Chi1(double q, double weightVariance)
    {
        double s = Root(q);
        var d = Nonlinearity.Derivative;
        return weightVariance * Rule.Expect(z => { double a = d(s * z); return a * a; });
    }

    /// <summary>
    /// Fixed point q* of the length map, from q₀, by safeguarded Newton iteration on 𝓛(q) − q (a Newton step
    /// with slope <see cref="LengthSlope"/> is taken when it lowers the residual, else a plain step q ← 𝓛(q)).
    /// When σ_b² = 0, φ(0) = 0 and χ₁(0⁺) &lt; 1 the stable fixed point is q* = 0 exactly. Returns +∞ when the
    /// length diverges (e.g. ReLU with σ_w² &gt; 2), and the last iterate after <see cref="MaxIterations"/>.
    /// </summary>
    public double LengthFixedPoint(double weightVariance, double biasVariance, double q0 = 1.0)
    {
        CheckVariances(weightVariance, biasVariance);
        if (biasVariance == 0 && Nonlinearity.Function(0) == 0 && Chi1(0, weightVariance) < 1) return 0;
        double q = q0, lq = LengthMap(q, weightVariance, biasVariance);
        for (int i = 0; i < MaxIterations; i++)
        {
            if (!(lq < HugeQ)) return double.PositiveInfinity;
            double residual = lq - q;
            if (Math.Abs(residual) <= Tolerance * Math.Max(lq, TinyQ)) return lq;
            double next = lq, lnext = LengthMap(next, weightVariance, biasVariance);
            double slope = LengthSlope(q, weightVariance);
            if (slope < 1 - 1e-9)
            {
                double newton = q - residual / (slope - 1);
                if (newton > 0 && newton < HugeQ)
                {
                    double lnewton = LengthMap(newton, weightVariance, biasVariance);
                    if (Math.Abs(lnewton - newton) < Math.Abs(lnext - next)) { next = newton; lnext = lnewton; }
                }
            }
            q = next; lq = lnext;
        }
        return q;
    }

    /// <summary>
    /// Joint map of two signals with lengths q₁, q₂ and correlation c:
    /// q₁₂' = σ_w² E[φ(u₁) φ(u₂)] + σ_b², with u₁ = √q₁ z₁, u₂ = √q₂ (c z₁ + √(1−c²) z₂)
    /// (Poole et al. 2016, Eq. 4). Returns the new covariance q₁₂'.
    /// </summary>
    public double CovarianceMap(double c, double q1, double q2, double weightVariance, double biasVariance)
    {
        var phi = Nonlinearity.Function;
        return weightVariance * Rule.ExpectPair(phi, phi, Root(q1), Root(q2), Math.Clamp(c, -1, 1)) + biasVariance;
    }

    /// <summary>Correlation map at the length fixed point: c' = [σ_w² E[φ(u₁)φ(u₂)] + σ_b²] / q* (Schoenholz et al. 2017, Eq. 3).</summary>
    /// <param name="c">Correlation of the previous layer, in [−1, 1].</param>
    /// <param name="q">Length of both signals (normally q*).</param>
    /// <param name="weightVariance">σ_w².</param>
    /// <param name="biasVariance">σ_b².</param>
    public double CorrelationMap(double c, double q, double weightVariance, double biasVariance) =>
        CovarianceMap(c, q, q, weightVariance, biasVariance) / Math.Max(q, TinyQ);

    /// <summary>
    /// Slope of the correlation map, χ_c = ∂c'/∂c = σ_w² E[φ'(u₁) φ'(u₂)] (Schoenholz et al. 2017, Eq. 6);
    /// at c = 1 it equals χ₁.
    /// </summary>
    public double CorrelationSlope(double c, double q, double weightVariance)
    {
        var d = Nonlinearity.Derivative;
        return weightVariance * Rule.ExpectPair(d, d, Root(q), Root(q), Math.Clamp(c, -1, 1));
    }

    /// <summary>
    /// Stable fixed point c* of the correlation map at length q. It is 1 when χ₁ ≤ 1 (ordered phase);
    /// otherwise the root of c' − c in [0, 1) found by bisection (c' − c ≥ 0 at c = 0, &lt; 0 just below 1).
    /// </summary>
    public double CorrelationFixedPoint(double q, double weightVariance, double biasVariance)
    {
        if (Chi1(q, weightVariance) <= 1) return 1;
        double G(double c) => CorrelationMap(c, q, weightVariance, biasVariance) - c;
        double hi = 1 - 1e-3;
        while (G(hi) >= 0)
        {
            hi = 1 - (1 - hi) / 10;
            if (1 - hi < 1e-12) return 1; // χ₁ is 1 to within rounding: the critical line
        }
        double lo = 0, g0 = G(lo);
        if (Math.Abs(g0) <= 1e-12) return 0; // e.g. odd φ with σ_b² = 0: c* = 0
        if (g0 < 0) throw new InvalidOperationException(
            $"Correlation map of {Nonlinearity} at σ_w²={weightVariance}, σ_b²={biasVariance}: c' − c < 0 at c = 0; no fixed point bracketed in [0, 1).");
        for (int i = 0; i < 200 && hi - lo > 1e-15; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (G(mid) >= 0) lo = mid; else hi = mid;
        }
        return 0.5 * (lo + hi);
    }

    /// <summary>
    /// Every mean-field quantity at (σ_w², σ_b²): q*, c*, χ₁, χ_c, ξ_q = −1/ln(dq'/dq), ξ_c = −1/ln χ_c(c*)
    /// (= −1/ln χ₁ in the ordered phase), and the trainable depth 6 ξ_c (Schoenholz et al. 2017, Eqs. 5–9).
    /// </summary>
    /// <param name="weightVariance">σ_w² &gt; 0.</param>
    /// <param name="biasVariance">σ_b² ≥ 0.</param>
    /// <param name="criticalTolerance">|χ₁ − 1| below which the point is labelled critical.</param>
    public MeanFieldPoint Analyse(double weightVariance, double biasVariance, double criticalTolerance = 1e-9)
    {
        double q = LengthFixedPoint(weightVariance, biasVariance);
        double chi1 = Chi1(q, weightVariance);
        double c = CorrelationFixedPoint(q, weightVariance, biasVariance);
        double chiC = c >= 1 ? chi1 : CorrelationSlope(c, q, weightVariance);
        double slope = LengthSlope(q, weightVariance);
        var phase = Math.Abs(chi1 - 1) <= criticalTolerance ? Phase.Critical : chi1 < 1 ? Phase.Ordered : Phase.Chaotic;
        return new MeanFieldPoint(weightVariance, biasVariance, q, c, chi1, chiC, slope,
            DepthScale(slope), phase == Phase.Critical ? double.PositiveInfinity : DepthScale(chiC), phase);
    }

    /// <summary>ξ = −1/ln|r| for a per-layer contraction factor r (∞ when |r| = 1).</summary>
    public static double DepthScale(double rate)
    {
        double r = Math.Abs(rate);
        return r == 1 ? double.PositiveInfinity : -1 / Math.Log(r);
    }

    /// <summary>
    /// The theory's layer-by-layer prediction for two inputs of equal length q⁰ and correlation c⁰:
    /// qˡ⁺¹ = 𝓛(qˡ), cˡ⁺¹ = q₁₂(cˡ, qˡ) / qˡ⁺¹, for l = 0..depth−1.
    /// Compare with Depth.SignalPropagation, which measures the same in a sampled network.
    /// </summary>
    public SignalTrajectory Propagate(double q0, double c0, double weightVariance, double biasVariance, int depth)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(depth);
        var q = new double[depth + 1];
        var c = new double[depth + 1];
        q[0] = q0; c[0] = c0;
        for (int l = 0; l < depth; l++)
        {
            q[l + 1] = LengthMap(q[l], weightVariance, biasVariance);
            c[l + 1] = c[l] >= 1 ? 1 : Math.Min(1, CovarianceMap(c[l], q[l], q[l], weightVariance, biasVariance) / Math.Max(q[l + 1], TinyQ));
        }
        return new SignalTrajectory(q, c);
    }

    static void CheckVariances(double weightVariance, double biasVariance)
    {
        if (!(weightVariance > 0) || double.IsInfinity(weightVariance))
            throw new ArgumentOutOfRangeException(nameof(weightVariance), weightVariance, "σ_w² must be positive and finite.");
        if (!(biasVariance >= 0) || double.IsInfinity(biasVariance))
            throw new ArgumentOutOfRangeException(nameof(biasVariance), biasVariance, "σ_b² must be non-negative and finite.");
    }
}
