using static TorchSharp.torch;

namespace Depth;

public static partial class LinearProbe
{
    /// <summary>
    /// Linear probes through the depth of a <see cref="StackedTanhMlp"/> as it stands (e.g. just
    /// initialised, before any training): the training and test rows go forward together, hˡ =
    /// tanh(W_l hˡ⁻¹ + b_l) for l = 1 … L, and at each layer in <paramref name="layers"/> a probe
    /// is fitted to hˡ of the training rows and tested on hˡ of the test rows (<see
    /// cref="Accuracy"/>). Forward only, under no_grad, one activation alive at a time, so 10,000
    /// layers cost a few activations of memory.
    /// </summary>
    /// <param name="model">The network; layer 1 is its input layer, layer L = <c>model.Depth</c>
    /// its last hidden layer.</param>
    /// <param name="trainInputs">[N, inputs] rows the probes are fitted on.</param>
    /// <param name="trainLabels">[N] their classes.</param>
    /// <param name="testInputs">[M, inputs] held-out rows.</param>
    /// <param name="testLabels">[M] their classes.</param>
    /// <param name="layers">Layers to probe, each in 1 … L.</param>
    /// <param name="classes">Number of classes.</param>
    /// <returns>Probe accuracy at each of <paramref name="layers"/>, in that order.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A layer outside 1 … L.</exception>
    public static double[] AcrossLayers(StackedTanhMlp model,
        Tensor trainInputs, Tensor trainLabels, Tensor testInputs, Tensor testLabels,
        IReadOnlyList<int> layers, int classes)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(layers);
        foreach (var l in layers)
            if (l < 1 || l > model.Depth)
                throw new ArgumentOutOfRangeException(nameof(layers), l,
                    $"probe layers must be in 1 … {model.Depth}.");
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        long n = trainInputs.shape[0], m = testInputs.shape[0];
        var x = cat(new[] { trainInputs, testInputs }, 0);                      // [N + M, inputs]
        // layers.0 … layers.{L−1}
        var views = model.WeightLayerViews().Take(model.Depth).ToArray();
        var accuracy = new double[layers.Count];
        int last = layers.Count == 0 ? 0 : layers.Max();
        Tensor h = x;
        for (int l = 1; l <= last; l++)
        {
            var layer = views[l - 1];
            // hˡ: [N + M, width]
            var next = nn.functional.linear(h, layer.Weight, layer.Bias).tanh_();
            // nothing needs hˡ⁻¹ any more
            if (!ReferenceEquals(h, x)) h.Dispose();
            h = next;
            for (int i = 0; i < layers.Count; i++)
                if (layers[i] == l)
                    accuracy[i] = Accuracy(h.narrow(0, 0, n), trainLabels, h.narrow(0, n, m),
                        testLabels, classes);
        }
        return accuracy;
    }
}
