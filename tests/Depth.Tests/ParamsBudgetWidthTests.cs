using Depth;

namespace Depth.Tests;

public class ParamsBudgetWidthTests
{
    [Theory]
    [InlineData(784, 13, 1, 10, false)]
    [InlineData(784, 40, 3, 10, false)]
    [InlineData(20, 32, 5, 3, false)]
    [InlineData(784, 12, 1, 10, true)]
    [InlineData(784, 7, 4, 10, true)]
    public void MlpFormulaMatchesTheModule(int inputs, int width, int depth, int outputs,
        bool batchNorm)
    {
        var mlp = new Mlp(inputs, width, depth, outputs,
            norm: batchNorm ? Norm.BatchNorm : Norm.None);
        Assert.Equal(ParameterCount.Of(mlp).Parameters,
            ParameterFormulas.Mlp(inputs, width, depth, outputs, batchNorm));
    }

    [Fact]
    public void LargestStaysWithinAndSmallestReachesTheBudget()
    {
        long Count(int w) => ParameterFormulas.Mlp(784, w, 2, 10);
        int largest = BudgetWidth.Largest(Count, 100_000);
        Assert.True(Count(largest) <= 100_000 && Count(largest + 1) > 100_000);
        int smallest = BudgetWidth.Smallest(Count, 100_000);
        Assert.True(Count(smallest) >= 100_000 && Count(smallest - 1) < 100_000);
        Assert.Equal(largest + 1, smallest);   // 100,000 is not exactly reached
        Assert.Equal(5, BudgetWidth.Smallest(w => 10L * w, 50));
        Assert.Equal(5, BudgetWidth.Largest(w => 10L * w, 50));
    }

    [Fact]
    public void ABudgetMustBePositive()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BudgetWidth.Largest(w => w, 0));
    }
}
