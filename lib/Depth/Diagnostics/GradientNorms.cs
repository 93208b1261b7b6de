using System.Globalization;
using static TorchSharp.torch;

namespace Depth;

/// <summary>‖∂L/∂W_l‖ for every weight layer, in layer order (index 0 = closest to the input).</summary>
/// <param name="Names">Module paths, e.g. "fc0".</param>
/// <param name="Norms">Frobenius norms of the weight gradients.</param>
public sealed record LayerGradientNorms(string[] Names, double[] Norms)
{
    /// <summary>The loss of the pass the gradients came from (NaN when not known).</summary>
    public double Loss { get; init; } = double.NaN;

    /// <summary>Number of layers.</summary>
    public int Count => Norms.Length;

    /// <summary>Layer indices 0..L−1, for a chart's x axis.</summary>
    public int[] Layers => Enumerable.Range(0, Norms.Length).ToArray();

    /// <summary>Norm of the first layer's gradient over the last layer's: ≪ 1 means vanishing, ≫ 1 exploding.</summary>
    public double FirstOverLast => Norms.Length == 0 ? double.NaN : Norms[0] / Norms[^1];

    /// <summary>The norms of the layers whose name is <paramref name="prefix"/> followed by an
    /// index (e.g. <see cref="Mlp"/>'s hidden layers "layers.0" … "layers.L−1"), sorted by
    /// that index: forward order whatever the registration order, without the read-out.</summary>
    public double[] Indexed(string prefix = "layers.") =>
        Names.Zip(Norms).Where(p => p.First.StartsWith(prefix, StringComparison.Ordinal))
            .OrderBy(p => int.Parse(p.First[prefix.Length..], CultureInfo.InvariantCulture))
            .Select(p => p.Second).ToArray();

    /// <summary>Largest norm over the smallest: 1 for a perfectly flat profile (∞ if a gradient is
    /// exactly 0).</summary>
    public double Spread => Norms.Length == 0 ? double.NaN : Norms.Max() / Norms.Min();

    /// <summary>The profile without its first <paramref name="first"/> and last
    /// <paramref name="last"/> layers, e.g. the hidden layers of an MLP without its input layer and
    /// read-out (<c>Trim(1, 1)</c>).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A count is negative or together they exceed
    /// the layers.</exception>
    public LayerGradientNorms Trim(int first, int last)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(first);
        ArgumentOutOfRangeException.ThrowIfNegative(last);
        if (first + last > Count)
            throw new ArgumentOutOfRangeException(nameof(last),
                $"cannot trim {first} + {last} layers from a profile of {Count}.");
        int kept = Count - first - last;
        return new LayerGradientNorms(Names.Skip(first).Take(kept).ToArray(),
            Norms.Skip(first).Take(kept).ToArray());
    }

    /// <inheritdoc/>
    public override string ToString() =>
        Count == 0 ? "no weight layers" : $"{Count} layers: ‖∇W‖ first {Norms[0]:G3}, last {Norms[^1]:G3}, ratio {FirstOverLast:G3}";
}

/// <summary>Per-layer gradient norms after a backward pass.</summary>
public static partial class GradientNorms
{
    /// <summary>
    /// ‖∂L/∂W_l‖_F for every Linear / convolution layer of <paramref name="model"/>, in order. Call after
    /// <c>loss.backward()</c>. One synchronisation for all layers (norms are stacked), so 10,000 layers are cheap.
    /// </summary>
    /// <exception cref="InvalidOperationException">A weight has no gradient (no backward pass yet, or frozen); the message names it.</exception>
    /// <remarks>A model with stacked layers (<see cref="IWeightLayerViews"/>, e.g. <see cref="StackedTanhMlp"/>)
    /// is measured layer by layer through its views, in the same order.</remarks>
    public static LayerGradientNorms PerLayer(nn.Module model)
    {
        if (model is IWeightLayerViews stacked) return PerLayer(stacked);
        var layers = WeightLayers.Of(model).ToList();
        if (layers.Count == 0) return new LayerGradientNorms([], []);
        using var scope = NewDisposeScope();
        var norms = new List<Tensor>(layers.Count);
        foreach (var (name, _, weight, _) in layers)
        {
            var grad = weight.grad ?? throw new InvalidOperationException(
                $"Layer '{name}' has no weight gradient: call loss.backward() first (and keep requires_grad on).");
            norms.Add(linalg.vector_norm(grad.detach().to(ScalarType.Float64)));
        }
        var values = stack(norms).data<double>().ToArray();
        return new LayerGradientNorms(layers.Select(l => l.Name).ToArray(), values);
    }

    static LayerGradientNorms PerLayer(IWeightLayerViews model)
    {
        using var scope = NewDisposeScope();
        var names = new List<string>();
        var norms = new List<Tensor>();
        foreach (var layer in model.WeightLayerViews())
        {
            var grad = layer.WeightGrad() ?? throw new InvalidOperationException(
                $"Layer '{layer.Name}' has no weight gradient: call loss.backward() first (and keep requires_grad on).");
            names.Add(layer.Name);
            norms.Add(linalg.vector_norm(grad.detach().to(ScalarType.Float64)));
        }
        if (norms.Count == 0) return new LayerGradientNorms([], []);
        return new LayerGradientNorms(names.ToArray(), stack(norms).data<double>().ToArray());
    }
}
