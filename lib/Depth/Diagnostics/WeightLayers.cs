using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>Finds the weight layers (Linear and convolutions) of any module, in forward (registration) order.</summary>
public static class WeightLayers
{
    /// <summary>(name, module, weight, bias) of every Linear / convolution inside <paramref name="model"/>, itself included.</summary>
    public static IEnumerable<(string Name, nn.Module Module, Parameter Weight, Parameter? Bias)> Of(nn.Module model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var (name, module) in WithRoot(model))
        {
            switch (module)
            {
                case Linear l: yield return (Label(name, module), module, l.weight, l.bias); break;
                case Convolution c: yield return (Label(name, module), module, c.weight, c.bias); break;
            }
        }
    }

    /// <summary>The root (named "") and every descendant in forward order (<see cref="ModuleTree.DepthFirst"/>).</summary>
    public static IEnumerable<(string Name, nn.Module Module)> WithRoot(nn.Module model) => ModuleTree.DepthFirst(model);

    /// <summary>The module's path, or its type name for the root.</summary>
    public static string Label(string name, nn.Module module) => string.IsNullOrEmpty(name) ? module.GetType().Name : name;
}
