using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>Evaluating a deep network must not keep every intermediate activation alive.</summary>
public class ModelsEvaluationMemoryTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void NoGradForwardFreesIntermediatesAndMatchesTheGradForward(bool residual)
    {
        using var model = new Mlp(16, 8, 300, 3, Activation.Tanh, Norm.None, residual: residual, seed: 3);
        using var x = torch.randn(4, 16, generator: new Generator(5));
        using var expected = model.forward(x).detach();

        using var scope = NewDisposeScope();
        using (no_grad())
        {
            var y = model.forward(x);
            // 300 layers make ≥ 600 intermediates; only the result may remain in the scope.
            Assert.True(scope.DisposablesCount <= 2, $"{scope.DisposablesCount} tensors still alive after a no-grad forward");
            Assert.True(y.allclose(expected, rtol: 1e-5, atol: 1e-6));
        }
        Assert.False(x.IsInvalid, "the caller's input must not be disposed");
    }
}
