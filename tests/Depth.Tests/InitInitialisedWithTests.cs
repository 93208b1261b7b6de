using Depth;

namespace Depth.Tests;

public class InitInitialisedWithTests
{
    [Fact]
    public void ReturnsTheSameModelWithTheWeightsApplyGives()
    {
        var point = new MeanField(Nonlinearity.Tanh).CriticalPoint(1e-3);
        var scheme = InitScheme.Critical(point, orthogonal: true);
        var model = new StackedTanhMlp(5, 4, 3, 2, seed: 1);
        Assert.Same(model, model.InitialisedWith(scheme, 9));
        var twin = new StackedTanhMlp(5, 4, 3, 2, seed: 2);
        var scheme2 = InitScheme.Critical(point.WeightVariance, point.BiasVariance, true);
        twin.InitialisedWith(scheme2, 9);
        Assert.Equal(0f, (model.HiddenWeight - twin.HiddenWeight).abs().max().item<float>());
        Assert.Equal(0f, (model.Input.weight! - twin.Input.weight!).abs().max().item<float>());
        Assert.Contains("orthogonal", scheme.Name);
    }
}
