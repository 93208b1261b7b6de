using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// Re-draws PyTorch's default initialisation of every Linear and Conv2d from a private generator, so a model's weights
/// depend only on its seed — not on the global generator, which other threads (parallel tests, data loaders) also draw from.
/// </summary>
public static class SeededInit
{
    /// <summary>
    /// weight ~ U(−1/√fan_in, 1/√fan_in) and bias ~ U(−1/√fan_in, 1/√fan_in), fan_in = in_features or C_in/groups·k_h·k_w:
    /// PyTorch's default (kaiming_uniform_ with a = √5, He et al. 2015), drawn in module order from <c>torch.Generator(seed)</c>.
    /// </summary>
    public static void Apply(nn.Module model, long seed)
    {
        using var generator = new Generator((ulong)seed);
        using var noGrad = torch.no_grad();
        foreach (var module in model.modules())
        {
            var (weight, bias) = module switch
            {
                Linear l => (l.weight, l.bias),
                Conv2d c => (c.weight, c.bias),
                _ => (null, null),
            };
            if (weight is null) continue;
            long fanIn = weight.shape[1..].Aggregate(1L, (a, b) => a * b);
            double bound = 1.0 / Math.Sqrt(fanIn);
            weight.uniform_(-bound, bound, generator);
            bias?.uniform_(-bound, bound, generator);
        }
    }
}
