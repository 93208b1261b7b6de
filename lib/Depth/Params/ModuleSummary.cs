using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// The per-layer breakdown of a built module, measured: one forward pass of a zero input with forward hooks on every
/// leaf module records the output shapes; parameters and buffers are read from each module, multiply-adds from the
/// weight shapes and output sizes (convolution: output elements · C_in/groups · k_h · k_w; linear: output elements · in).
/// </summary>
public static class ModuleSummary
{
    /// <summary>Runs <paramref name="model"/> in eval mode, without gradients, on a zero tensor of shape [1, ..<paramref name="inputShape"/>]
    /// and returns one row per leaf-module call, in call order (modules called functionally, e.g. <c>functional.relu</c>, do not appear).
    /// Leaf modules never called that hold parameters or buffers are appended with an empty shape so no parameter is missed.</summary>
    /// <param name="model">The module to summarise.</param>
    /// <param name="inputShape">Shape of one example, e.g. [3, 224, 224] or [784].</param>
    /// <param name="name">Title of the breakdown (defaults to the module's type name).</param>
    public static Breakdown Of(nn.Module<Tensor, Tensor> model, long[] inputShape, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        var rows = new List<LayerSpec>();
        var called = new HashSet<string>();
        var removers = new List<Action>();
        var leaves = model.named_modules().Where(m => !m.module.children().Any()).ToList();
        bool wasTraining = model.training;
        try
        {
            foreach (var (leafName, leaf) in leaves)
            {
                if (leaf is not nn.Module<Tensor, Tensor> hookable) continue;
                var remover = hookable.register_forward_hook((module, input, output) =>
                {
                    called.Add(leafName);
                    rows.Add(Row(leafName, module, input, output));
                    return output;
                });
                removers.Add(remover.remove);
            }
            model.eval();
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            model.call(torch.zeros([1, .. inputShape]));
        }
        finally
        {
            foreach (var remove in removers) remove();
            model.train(wasTraining);
        }
        foreach (var (leafName, leaf) in leaves.Where(l => !called.Contains(l.name) && (l.module.parameters().Any() || l.module.buffers().Any())))
            rows.Add(new LayerSpec(leafName, leaf.GetType().Name, [], Own(leaf.parameters()), Own(leaf.buffers()), 0, Keras(leaf)));
        return new Breakdown(name ?? model.GetType().Name, rows);
    }

    private static LayerSpec Row(string name, nn.Module module, Tensor input, Tensor output)
    {
        long[] shape = output.shape[1..];
        long outputElements = shape.Aggregate(1L, (a, b) => a * b);
        long macs = module switch
        {
            Conv2d conv => outputElements * conv.weight!.shape[1..].Aggregate(1L, (a, b) => a * b),
            Linear linear => outputElements * linear.weight!.shape[1],
            _ => 0,
        };
        return new LayerSpec(name, module.GetType().Name, shape, Own(module.parameters()), Own(module.buffers()), macs, Keras(module));
    }

    private static long Own(IEnumerable<Tensor> tensors) => tensors.Sum(t => t.numel());

    // Keras convention: convolutions always have a bias; BatchNorm also counts its moving mean and variance.
    private static long Keras(nn.Module module) => Own(module.parameters()) + module switch
    {
        Conv2d { bias: null } conv => conv.weight!.shape[0],
        BatchNorm2d bn => bn.running_mean!.numel() + bn.running_var!.numel(),
        BatchNorm1d bn => bn.running_mean!.numel() + bn.running_var!.numel(),
        _ => 0,
    };
}
