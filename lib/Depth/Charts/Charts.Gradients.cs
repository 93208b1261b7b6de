
namespace Depth;

public static partial class Charts
{
    /// <summary>The smallest positive float32 (≈ 1.4·10⁻⁴⁵): where a gradient that underflowed to
    /// exactly 0 is drawn on a log axis, which cannot show 0.</summary>
    public const double LogFloor = 1e-45;

    /// <summary>
    /// Gradient profiles side by side: ‖∂L/∂W_l‖ per layer (x = layer 1..L of each profile) on a
    /// log axis, one line with markers per named profile. A norm below <see cref="LogFloor"/> (an
    /// underflowed 0) is drawn at the floor.
    /// </summary>
    /// <exception cref="ArgumentException">No profiles.</exception>
    public static Figure GradientProfile(string title,
        params (string Name, LayerGradientNorms Norms)[] profiles)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        if (profiles.Length == 0)
            throw new ArgumentException("no gradient profiles to plot", nameof(profiles));
        return PerLayer(title,
            profiles.Select(p => (p.Name,
                (IReadOnlyList<double>)p.Norms.Norms.Select(g => Math.Max(g, LogFloor)).ToArray())),
            logY: true, yTitle: "gradient norm (log)");
    }
}
