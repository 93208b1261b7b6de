namespace Depth;

/// <summary>The normalisation placed after a linear or convolutional layer.</summary>
public enum Norm
{
    /// <summary>No normalisation.</summary>
    None,
    /// <summary>Batch normalisation (Ioffe and Szegedy 2015): per-channel γ·(x − μ_batch)/σ_batch + β, with running statistics as buffers.</summary>
    BatchNorm,
}
