using static TorchSharp.torch;

namespace Depth;

/// <summary>The factor n·σ_w² by which one square layer of an initialisation multiplies the
/// variance of a signal in the linear regime (Var z_{l+1} ≈ n σ_w² E[φ(z_l)²]; Glorot &amp; Bengio
/// 2010, He et al. 2015), read off a freshly initialised layer rather than from the
/// formula.</summary>
public static class MeasuredGain
{
    /// <summary>n · Var(W) of a <paramref name="width"/> × <paramref name="width"/> Linear layer
    /// initialised with <paramref name="scheme"/> (naive N(0,1): ≈ n; Xavier: ≈ 1; He: ≈
    /// 2).</summary>
    public static double Of(InitScheme scheme, int width, long seed)
    {
        ArgumentNullException.ThrowIfNull(scheme);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 2);
        using var layer = nn.Linear(width, width);
        InitScheme.Apply(layer, scheme, seed);
        return width * layer.weight!.var().item<float>();
    }
}
