using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// Translation equivariance, measured: f is equivariant to a shift T when f(T x) = T f(x). A
/// convolution is (the same kernel at every position; LeCun et al. 1989, Goodfellow, Bengio &amp;
/// Courville 2016, §9.2); a dense layer is not. T here moves every column of a [B, C, H, W] image
/// <c>shift</c> pixels to the right, wrapping around (<c>torch.roll</c>).
/// </summary>
public static class Equivariance
{
    /// <summary>T x: <paramref name="images"/> [B, C, H, W] rolled <paramref name="shift"/> columns
    /// right.</summary>
    public static Tensor Shift(Tensor images, long shift)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.dim() != 4)
            throw new ArgumentException(
                $"Shift needs images [B, C, H, W], not {images.dim()} dimensions.");
        return roll(images, shift, 3);
    }

    /// <summary>
    /// max |f(T x) − T f(x)| / max |T f(x)| over the columns away from the wrap-around and the
    /// padding (columns shift + 2 … W − 3): 0 up to rounding for a convolution, of the order of 1
    /// for a dense layer.
    /// </summary>
    /// <param name="f">Maps [B, C, H, W] to [B, C', H, W] (a dense layer wrapped in
    /// Flatten/Unflatten).</param>
    /// <param name="images">The inputs x, [B, C, H, W] float32.</param>
    /// <param name="shift">Columns to shift, 0 ≤ shift &lt; W − 4.</param>
    public static double Mismatch(nn.Module<Tensor, Tensor> f, Tensor images, long shift)
    {
        ArgumentNullException.ThrowIfNull(f);
        long width = images.shape[^1];
        if (shift < 0 || shift + 2 >= width - 2)
            throw new ArgumentOutOfRangeException(nameof(shift), shift,
                $"shift must be in [0, {width - 5}].");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var inside = arange(shift + 2, width - 2);       // columns clear of wrap and padding
        var a = f.call(Shift(images, shift)).index_select(3, inside);       // f(T x)
        var b = Shift(f.call(images), shift).index_select(3, inside);       // T f(x)
        return (a - b).abs().max().item<float>() / b.abs().max().item<float>();
    }

    /// <summary>Row <paramref name="row"/> of channel 0 of f(x) for the first image of x: [W] as
    /// doubles.</summary>
    public static double[] Row(nn.Module<Tensor, Tensor> f, Tensor images, int row = 14)
    {
        ArgumentNullException.ThrowIfNull(f);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return f.call(images)[0, 0, row].data<float>().Select(v => (double)v).ToArray();
    }
}
