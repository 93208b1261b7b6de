using TorchSharp;

namespace Depth;

/// <summary>Scalars that live as long as the process, for TorchSharp calls in long loops.</summary>
/// <remarks>TorchSharp 0.107 turns a number argument into a temporary <see cref="Scalar"/> and hands only its handle
/// to libtorch; nothing references the object during the native call, so a garbage collection started by another
/// thread can finalize it, and free the native value, while libtorch still reads it ("Unknown scalar type", or a wrong
/// number). <c>a.add_(b)</c> makes one too: it is <c>a.add_(b, 1)</c> inside TorchSharp. Pass these instead where a
/// loop makes the window large: <c>a.add_(b, Scalars.One)</c> computes exactly what <c>a.add_(b)</c> does.
/// The optimizers' own Scalars are in KeptScalarOptimizers.cs; docs/runtime.md has the whole story.</remarks>
internal static class Scalars
{
    /// <summary>1, e.g. as the <c>alpha</c> of <c>add</c>.</summary>
    public static readonly Scalar One = 1.0.ToScalar();

    /// <summary>0.</summary>
    public static readonly Scalar Zero = 0.0.ToScalar();
}
