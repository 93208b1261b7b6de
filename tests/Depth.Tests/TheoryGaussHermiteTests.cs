using Depth;

namespace Depth.Tests;

public class TheoryGaussHermiteTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(20)]
    [InlineData(120)]
    public void WeightsSumToOneAndMomentsAreGaussian(int n)
    {
        var rule = GaussHermite.Get(n);
        Assert.Equal(n, rule.Count);
        Assert.Equal(1.0, rule.Expect(_ => 1), 1e-13);
        Assert.Equal(0.0, rule.Expect(z => z), 1e-13);
        Assert.Equal(1.0, rule.Expect(z => z * z), 1e-12);
        Assert.Equal(3.0, rule.Expect(z => Math.Pow(z, 4)), 1e-11);   // E z⁴ = 3
        Assert.Equal(15.0, rule.Expect(z => Math.Pow(z, 6)), 1e-10);  // E z⁶ = 15 (exact for n ≥ 4)
    }

    [Fact]
    public void MatchesAClosedFormExpectationOfASmoothFunction()
    {
        // E[cos(a z)] = exp(−a²/2)
        var rule = GaussHermite.Get();
        foreach (double a in new[] { 0.3, 1.0, 2.5 })
            Assert.Equal(Math.Exp(-a * a / 2), rule.Expect(z => Math.Cos(a * z)), 1e-13);
    }

    [Fact]
    public void TwoDimensionalRuleGivesTheCorrelationOfACorrelatedPair()
    {
        // u₁ = z₁, u₂ = c z₁ + √(1−c²) z₂ → E[u₁ u₂] = c
        var rule = GaussHermite.Get(30);
        double c = 0.37, s = Math.Sqrt(1 - c * c);
        Assert.Equal(c, rule.Expect2((z1, z2) => z1 * (c * z1 + s * z2)), 1e-13);
    }

    [Fact]
    public void RejectsANonsensicalNodeCount() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => GaussHermite.Get(0));
}

public class TheoryGaussHermitePairTests
{
    [Fact]
    public void PairExpectationGivesTheCovarianceOfTheScaledPair()
    {
        // E[u₁ u₂] = a b c, E[u₁² u₂²] = a² b² (1 + 2c²)
        var rule = GaussHermite.Get(20);
        Assert.Equal(0.5 * 2.0 * 0.3, rule.ExpectPair(x => x, x => x, 0.5, 2.0, 0.3), 1e-13);
        Assert.Equal(0.25 * 4.0 * (1 + 2 * 0.09), rule.ExpectPair(x => x * x, x => x * x, 0.5, 2.0, 0.3), 1e-12);
    }
}
