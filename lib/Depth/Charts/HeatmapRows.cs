using static TorchSharp.torch;

namespace Depth;

/// <summary>Images and other 2-D tensors as the rows <see cref="Charts.Heatmap"/> takes.</summary>
public static class HeatmapRows
{
    /// <summary>
    /// The rows of <paramref name="image"/> [H, W], last row first: a heatmap draws its first row
    /// at the bottom, so this makes the image stand upright. <paramref name="map"/>, when given, is
    /// applied to every value (e.g. a log scale). Any float or integer dtype; values are returned
    /// as doubles.
    /// </summary>
    public static IReadOnlyList<double>[] Upright(Tensor image, Func<double, double>? map = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dim() != 2)
            throw new ArgumentException(
                $"Upright needs an image [H, W], not [{string.Join(", ", image.shape)}].");
        using var scope = NewDisposeScope();
        var values = image.detach().to(ScalarType.Float64).contiguous();
        long h = image.shape[0];
        return Enumerable.Range(0, (int)h)
            .Select(r => (IReadOnlyList<double>)values[h - 1 - r].data<double>()
                .Select(v => map is null ? v : map(v)).ToArray())
            .ToArray();
    }
}
