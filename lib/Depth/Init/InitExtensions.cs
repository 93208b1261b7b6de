using static TorchSharp.torch;

namespace Depth.Init;

/// <summary>Build-and-initialise in one expression: <c>new
/// StackedTanhMlp(…).InitialisedWith(scheme, seed)</c>.</summary>
public static class InitExtensions
{
    /// <summary>Initialises every weight layer of <paramref name="model"/> with <paramref
    /// name="scheme"/> (<see cref="InitScheme.Apply(nn.Module, InitScheme, long)"/>, one generator
    /// seeded with <paramref name="seed"/>) and returns the model itself.</summary>
    public static T InitialisedWith<T>(this T model, InitScheme scheme,
        long seed) where T : nn.Module
    {
        InitScheme.Apply(model, scheme, seed);
        return model;
    }
}
