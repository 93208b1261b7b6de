using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>Proves on every run that libtorch loads and autograd works on this machine.</summary>
public class TorchSmokeTests
{
    [Fact]
    public void TensorArithmeticAndOneBackwardPass()
    {
        var x = tensor(new float[] { 1, 2, 3 }, requires_grad: true);
        var y = (x * x).sum();               // y = Σ x²
        Assert.Equal(14f, y.item<float>());
        y.backward();                        // ∂y/∂x = 2x
        Assert.Equal(new float[] { 2, 4, 6 }, x.grad!.data<float>().ToArray());
    }

    [Fact]
    public void MatrixMultiplyMatchesHandComputation()
    {
        var a = tensor(new float[] { 1, 2, 3, 4 }).reshape(2, 2);
        var b = eye(2) * 2;
        Assert.Equal(new float[] { 2, 4, 6, 8 }, a.matmul(b).data<float>().ToArray());
    }
}
