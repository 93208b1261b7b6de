using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// An <see cref="Mlp"/> with dropout after every hidden ReLU (N. Srivastava et al. 2014, "Dropout:
/// A Simple Way to Prevent Neural Networks from Overfitting", JMLR 15): in training each hidden
/// unit is zeroed with probability p and the survivors are scaled by 1/(1 − p); in eval mode
/// dropout is the identity.
/// </summary>
public static class DropoutMlp
{
    /// <summary>
    /// inputs → [Linear(width), ReLU, Dropout(p)] × depth → Linear(outputs): [B, inputs] → [B,
    /// outputs]. Modules are named layers.i, relu i, drop i and output; weights are PyTorch's
    /// default initialisation drawn from a private generator (<see cref="SeededInit"/>) in module
    /// order: the seed alone fixes them.
    /// </summary>
    public static nn.Module<Tensor, Tensor> Create(int inputs, int width, int depth, int outputs,
        double p, long seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inputs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(depth, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outputs, 1);
        if (!(p >= 0 && p < 1))
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be in [0, 1).");
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>();
        for (int l = 0; l < depth; l++)
        {
            modules.Add(($"layers.{l}", nn.Linear(l == 0 ? inputs : width, width)));
            modules.Add(($"relu{l}", nn.ReLU()));
            modules.Add(($"drop{l}", nn.Dropout(p)));
        }
        modules.Add(("output", nn.Linear(width, outputs)));
        var net = nn.Sequential(modules.ToArray());
        SeededInit.Apply(net, seed);
        return net;
    }
}
