using Depth;

namespace Depth.Tests;

/// <summary>Mean-field values against the guide's table (120-node Gauss–Hermite) and closed forms.</summary>
public class TheoryMeanFieldTests
{
    static readonly MeanField Tanh = new(Nonlinearity.Tanh);

    [Theory]
    [InlineData(0.05, 1.760955, 0.570048)]
    [InlineData(2e-5, 1.049912, 0.0258735)]
    public void TanhCriticalLineMatchesTheGuideTable(double sb2, double sw2, double qStar)
    {
        var p = Tanh.CriticalPoint(sb2);
        Assert.Equal(sw2, p.WeightVariance, 1e-5);
        Assert.Equal(qStar, p.QStar, 1e-5);
        Assert.Equal(1.0, Tanh.Chi1(p.QStar, p.WeightVariance), 1e-10);
    }

    [Fact]
    public void StaticShortcutAgreesWithTheInstance() =>
        Assert.Equal(Tanh.CriticalWeightVariance(0.05), MeanField.CriticalWeightVariance(Nonlinearity.Tanh, 0.05), 1e-12);

    [Fact]
    public void ReluCriticalPointIsHeInitialisation()
    {
        var relu = new MeanField(Nonlinearity.Relu);
        Assert.Equal(2.0, relu.CriticalWeightVariance(0), 1e-9);
        Assert.Equal(1.0, relu.Chi1(1.0, 2.0), 1e-12);            // χ₁ = σ_w²/2 for any q > 0
        Assert.Equal(0.75, relu.Chi1(0.0, 1.5), 1e-12);           // limit q → 0⁺
        Assert.Equal(0.0, relu.LengthFixedPoint(1.5, 0));         // ordered: lengths die
        Assert.True(double.IsPositiveInfinity(relu.LengthFixedPoint(2.5, 0))); // chaotic: lengths explode
    }

    [Fact]
    public void ReluLengthFixedPointHasItsClosedForm()
    {
        // q* = σ_b² / (1 − σ_w²/2) for σ_w² < 2
        var relu = new MeanField(Nonlinearity.Relu);
        Assert.Equal(0.1 / (1 - 1.5 / 2), relu.LengthFixedPoint(1.5, 0.1), 1e-10);
    }

    [Fact]
    public void LengthMapOfALinearNetworkIsAffine()
    {
        var linear = new MeanField(Nonlinearity.Identity);
        Assert.Equal(1.3 * 0.7 + 0.2, linear.LengthMap(0.7, 1.3, 0.2), 1e-12);
    }

    [Fact]
    public void OrderedPhaseHasUnitCorrelationAndXiCFromChi1()
    {
        var p = Tanh.Analyse(1.2, 0.3);
        Assert.Equal(Phase.Ordered, p.Phase);
        Assert.Equal(1.0, p.CStar);
        Assert.True(p.Chi1 < 1);
        Assert.Equal(-1 / Math.Log(p.Chi1), p.DepthScaleC, 1e-12);
        Assert.Equal(6 * p.DepthScaleC, p.TrainableDepth, 1e-12);
        Assert.Equal(p.QStar, Tanh.LengthMap(p.QStar, 1.2, 0.3), 1e-12);
    }

    [Fact]
    public void ChaoticPhaseHasAStableCorrelationBelowOne()
    {
        var p = Tanh.Analyse(4.0, 0.05);
        Assert.Equal(Phase.Chaotic, p.Phase);
        Assert.InRange(p.CStar, 0.0, 0.999);
        Assert.Equal(p.CStar, Tanh.CorrelationMap(p.CStar, p.QStar, 4.0, 0.05), 1e-9);
        Assert.InRange(p.ChiC, 0.0, 1.0);
        Assert.Equal(-1 / Math.Log(p.ChiC), p.DepthScaleC, 1e-12);
    }

    [Fact]
    public void DepthScaleCDivergesAtTheCriticalLine()
    {
        double sw2 = Tanh.CriticalWeightVariance(0.05);
        double near = Tanh.Analyse(sw2 * 0.99, 0.05).DepthScaleC;
        double nearer = Tanh.Analyse(sw2 * 0.999, 0.05).DepthScaleC;
        Assert.True(nearer > 5 * near, $"ξ_c {near} → {nearer}");
        Assert.True(Tanh.Analyse(sw2 * 0.999, 0.05).TrainableDepth > 1000);
    }

    [Fact]
    public void LengthSlopeMatchesAFiniteDifferenceOfTheLengthMap()
    {
        double q = 0.6, h = 1e-5;
        double numeric = (Tanh.LengthMap(q + h, 1.7, 0.05) - Tanh.LengthMap(q - h, 1.7, 0.05)) / (2 * h);
        Assert.Equal(numeric, Tanh.LengthSlope(q, 1.7), 1e-8);
    }

    [Fact]
    public void CorrelationSlopeMatchesAFiniteDifferenceAndEqualsChi1AtOne()
    {
        double q = 0.6, c = 0.4, h = 1e-5;
        double numeric = (Tanh.CorrelationMap(c + h, q, 1.7, 0.05) - Tanh.CorrelationMap(c - h, q, 1.7, 0.05)) / (2 * h);
        // ∂c'/∂c = σ_w² E[φ'φ'] · q/q* … at equal lengths q the map is q₁₂/q, slope χ_c
        Assert.Equal(numeric, Tanh.CorrelationSlope(c, q, 1.7), 1e-7);
        Assert.Equal(Tanh.Chi1(q, 1.7), Tanh.CorrelationSlope(1, q, 1.7), 1e-12);
    }

    [Fact]
    public void NumericalDerivativeFallbackReproducesTanh()
    {
        var numeric = new MeanField(Nonlinearity.FromFunction("tanh (numeric)", Math.Tanh));
        Assert.Equal(1.760955, numeric.CriticalWeightVariance(0.05), 1e-5);
    }

    [Fact]
    public void PropagateConvergesToTheFixedPoints()
    {
        var p = Tanh.Analyse(1.2, 0.3);
        var t = Tanh.Propagate(2.0, 0.2, 1.2, 0.3, 200);
        Assert.Equal(201, t.Q.Length);
        Assert.Equal(p.QStar, t.Q[^1], 1e-9);
        Assert.Equal(1.0, t.C[^1], 1e-6);
    }

    [Fact]
    public void PhaseDiagramSeparatesOrderFromChaosAtTheCriticalLine()
    {
        var mf = new MeanField(Nonlinearity.Tanh, 30);
        double[] sw2 = [0.5, 1.0, 1.5, 2.0, 3.0, 4.0];
        double[] sb2 = [0.0, 0.05, 0.5];
        var d = mf.PhaseDiagram(sw2, sb2);
        Assert.Equal(3, d.Chi1.Length);
        Assert.Equal(6, d.Chi1[0].Length);
        for (int i = 0; i < sb2.Length; i++)
            for (int j = 0; j < sw2.Length; j++)
                Assert.Equal(d.Chi1[i][j] > 1, sw2[j] > d.CriticalWeightVariances[i]);
        Assert.Equal(Tanh.CriticalWeightVariance(0.05), d.CriticalWeightVariances[1], 1e-3);
    }

    [Fact]
    public void RejectsNegativeVariances() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Tanh.LengthFixedPoint(-1, 0.1));

    [Fact]
    public void ReportsAnUnbracketedCriticalSearch() =>
        Assert.Throws<ArgumentException>(() => Tanh.CriticalWeightVariance(0.05, 3, 10));
}
