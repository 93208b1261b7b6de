namespace Depth.Models;

/// <summary>
/// A deep vanilla tanh perceptron for signal-propagation experiments (Poole et al. 2016; Schoenholz et al. 2017;
/// Pennington et al. 2017): <c>depth</c> hidden linear layers of equal <c>width</c>, tanh after each, no normalisation,
/// no skip connections, then a linear read-out. Address layer l through <see cref="Mlp.Layers"/> to re-initialise it
/// (e.g. Gaussian with variance σ_w²/fan_in and bias variance σ_b², or orthogonal).
/// </summary>
/// <remarks>Builds 10,000 layers in linear time (a <c>ModuleList</c>, a loop in forward).</remarks>
public sealed class DeepTanhMlp : Mlp
{
    /// <summary>Builds inputs → width (tanh) → … (depth hidden layers) → outputs.</summary>
    /// <param name="inputs">Input features.</param>
    /// <param name="width">Width of every hidden layer.</param>
    /// <param name="depth">Number of hidden tanh layers (≥ 1).</param>
    /// <param name="outputs">Output features.</param>
    /// <param name="seed">Seed for the default initialisation.</param>
    public DeepTanhMlp(int inputs, int width, int depth, int outputs, long seed = 0)
        : base(inputs, width, depth, outputs, Activation.Tanh, Norm.None, residual: false, zeroInitResidual: false, seed: seed)
    {
    }
}
