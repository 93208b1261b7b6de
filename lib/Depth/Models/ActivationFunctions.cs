using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>Applies an <see cref="Activation"/> as a function or builds it as a module.</summary>
public static class ActivationFunctions
{
    /// <summary>φ(x) for the chosen activation; the same shape as <paramref name="x"/>.</summary>
    public static Tensor Apply(this Activation activation, Tensor x) => activation switch
    {
        Activation.ReLU => nn.functional.relu(x),
        Activation.Tanh => torch.tanh(x),
        Activation.Sigmoid => torch.sigmoid(x),
        Activation.Linear => x.alias(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary>
    /// φ(x) computed in <paramref name="x"/>'s own storage (<c>tanh_</c>, <c>sigmoid_</c>, <c>relu_</c>) and returned;
    /// <paramref name="x"/> must not be needed afterwards. Autograd allows it because the backward of these three needs
    /// only their output, and a linear layer's or BatchNorm's backward does not need its output — PyTorch's
    /// <c>ReLU(inplace=True)</c> after a convolution or BatchNorm relies on the same fact. It saves one activation-sized
    /// tensor per layer: 10,000 × batch × width floats in a 10,000-layer network.
    /// </summary>
    public static Tensor ApplyInPlace(this Activation activation, Tensor x) => activation switch
    {
        Activation.ReLU => x.relu_(),
        Activation.Tanh => x.tanh_(),
        Activation.Sigmoid => x.sigmoid_(),
        Activation.Linear => x,
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };

    /// <summary>The activation as a parameter-free module (for <c>Sequential</c> layouts such as VGG).</summary>
    public static nn.Module<Tensor, Tensor> ToModule(this Activation activation) => activation switch
    {
        Activation.ReLU => nn.ReLU(),
        Activation.Tanh => nn.Tanh(),
        Activation.Sigmoid => nn.Sigmoid(),
        Activation.Linear => nn.Identity(),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, "Unknown activation."),
    };
}
