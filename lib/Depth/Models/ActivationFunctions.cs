using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Models;

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
