using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth.Diagnostics;

/// <summary>Finds the weight layers (Linear and convolutions) of any module, in forward (named_modules) order.</summary>
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

    /// <summary>named_modules() with the root itself first (TorchSharp's named_modules() omits it), named "".</summary>
    public static IEnumerable<(string Name, nn.Module Module)> WithRoot(nn.Module model)
    {
        var all = model.named_modules().ToList();
        if (!all.Any(nm => ReferenceEquals(nm.Item2, model))) all.Insert(0, ("", model));
        return all;
    }

    /// <summary>The module's path, or its type name for the root.</summary>
    public static string Label(string name, nn.Module module) => string.IsNullOrEmpty(name) ? module.GetType().Name : name;
}
