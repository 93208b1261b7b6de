using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// The receptive field of one output, measured instead of derived: the input elements x_i with
/// ∂y/∂x_i ≠ 0. For L stacked k×k convolutions (stride 1) it is a square of side 1 + L(k − 1),
/// (2L + 1)² pixels for k = 3 (W. Luo et al. 2016, "Understanding the Effective Receptive Field in Deep
/// Convolutional Neural Networks", arXiv:1701.04128); one output of a dense layer depends on every
/// input.
/// </summary>
public static class ReceptiveField
{
    /// <summary>
    /// Backpropagates the output that <paramref name="pickOne"/> selects from f(input) and counts
    /// the input elements with a nonzero gradient. Returns that count and the gradient (the shape
    /// of the input). The input is cloned; f's parameters receive gradients as a side effect.
    /// </summary>
    /// <param name="f">The network, e.g. a stack of convolutions.</param>
    /// <param name="input">One input, e.g. an image [1, C, H, W]; float64 avoids underflow to an
    /// exact 0.</param>
    /// <param name="pickOne">Selects the scalar output y, e.g. <c>y => y[0, 0, 14, 14]</c>.</param>
    public static (int Inputs, Tensor Gradient) Measure(
        nn.Module<Tensor, Tensor> f, Tensor input, Func<Tensor, Tensor> pickOne)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(pickOne);
        var x = input.clone().requires_grad_(true);
        var y = pickOne(f.call(x));
        if (y.numel() != 1)
            throw new ArgumentException($"pickOne must select one output, not {y.numel()}.",
                nameof(pickOne));
        y.backward();
        var gradient = x.grad!.detach().clone();
        return ((int)gradient.ne(0).sum().item<long>(), gradient);
    }

    /// <summary>
    /// <paramref name="layers"/> k×k convolutions (k = <paramref name="kernelSize"/>, odd; padding
    /// (k − 1)/2 keeps H and W) with tanh between them:
    /// [B, inChannels, H, W] → [B, channels, H, W]. Weights are PyTorch's default initialisation
    /// drawn from the global generator, layer by layer (seed it with <c>torch.manual_seed</c>).
    /// </summary>
    public static nn.Module<Tensor, Tensor> ConvStack(
        int layers, int channels = 4, int inChannels = 1, int kernelSize = 3,
        ScalarType dtype = ScalarType.Float64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(channels, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(inChannels, 1);
        if (kernelSize < 1 || kernelSize % 2 == 0)
            throw new ArgumentOutOfRangeException(nameof(kernelSize), kernelSize,
                "kernelSize must be odd.");
        var modules = new List<nn.Module<Tensor, Tensor>>();
        for (int l = 0; l < layers; l++)
        {
            int c = l == 0 ? inChannels : channels;
            modules.Add(nn.Conv2d(c, channels, kernelSize, padding: kernelSize / 2, dtype: dtype));
            if (l < layers - 1) modules.Add(nn.Tanh());
        }
        return nn.Sequential(modules.ToArray());
    }
}
