using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>Small float64 helpers shared by the initialiser tests.</summary>
static class InitTestHelpers
{
    /// <summary>Frobenius norm of a − b, in float64.</summary>
    public static double Distance(Tensor a, Tensor b)
    {
        using var scope = NewDisposeScope();
        return (a.to(ScalarType.Float64) - b.to(ScalarType.Float64)).norm().item<double>();
    }

    /// <summary>Frobenius norm of the tensor, in float64.</summary>
    public static double Norm(Tensor a)
    {
        using var scope = NewDisposeScope();
        return a.to(ScalarType.Float64).norm().item<double>();
    }

    /// <summary>Sample variance of all entries, in float64.</summary>
    public static double Variance(Tensor a)
    {
        using var scope = NewDisposeScope();
        return a.to(ScalarType.Float64).var().item<double>();
    }
}
