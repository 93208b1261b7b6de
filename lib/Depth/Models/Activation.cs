namespace Depth;

/// <summary>The pointwise nonlinearity φ applied after a layer.</summary>
public enum Activation
{
    /// <summary>φ(x) = max(0, x) (Nair and Hinton 2010).</summary>
    ReLU,
    /// <summary>φ(x) = tanh(x).</summary>
    Tanh,
    /// <summary>φ(x) = 1 / (1 + e^(−x)).</summary>
    Sigmoid,
    /// <summary>φ(x) = x: no nonlinearity (a deep linear network).</summary>
    Linear,
}
