using static TorchSharp.torch;

namespace Depth;

/// <summary>Build-and-initialise in one expression: <c>new
/// StackedTanhMlp(…).InitialisedWith(scheme, seed)</c>.</summary>
public static class InitExtensions
{
    /// <summary>Initialises every weight layer of <paramref name="model"/> with <paramref
    /// name="scheme"/> (every Linear and convolution layer in forward order, one generator
    /// seeded with <paramref name="seed"/>) and returns the model itself.</summary>
    public static T InitialisedWith<T>(this T model, InitScheme scheme,
        long seed) where T : nn.Module
    {
        InitScheme.Apply(model, scheme, seed);
        return model;
    }
}
