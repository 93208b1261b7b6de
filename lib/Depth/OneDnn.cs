using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Depth;

/// <summary>
/// Keeps libtorch's convolutions off oneDNN's AVX-512 kernels, which compute wrong gradients here.
/// </summary>
/// <remarks>
/// <para>The bug: TorchSharp-cpu 0.107.0 ships LibTorch 2.10 with oneDNN 3.7.1. On an AVX-512 CPU, oneDNN picks
/// <c>jit:avx512_core</c> for float32 convolutions. Its <c>backward_data</c> kernel returns a wrong input
/// gradient whenever the convolution's output channels are not a multiple of 16, the block size it pads to.
/// Examples are 8 or 24 channels. The error is in every element (max error 19–32 against float64 for
/// standard-normal data), and part of it is NaN from uninitialised padding.</para>
/// <para>Forward and weight gradients are right, so a deep CNN still "trains". But every layer below a narrow one
/// gets garbage. Lesson 05's VGG went NaN at step 2 or 33, depending on what the allocator handed back. Measured
/// on an AMD EPYC with AVX-512. With <c>ONEDNN_MAX_CPU_ISA=AVX2</c> the same gradients match float64 to 4e-5.</para>
/// <para>The cap: before libtorch's first convolution, the module initialiser sets
/// <c>ONEDNN_MAX_CPU_ISA=AVX2</c> in the native environment. It leaves the variable alone if it is already set,
/// so a user can choose. oneDNN reads the variable once, when it creates its first primitive. Code that runs a
/// convolution before it touches any <c>Depth</c> type is therefore not covered. The lessons touch
/// <c>Depth</c> in their first code cell. <c>tests/Depth.Tests/ConvolutionGradientTests</c> compares the
/// gradients with float64 and fails without the cap.</para>
/// </remarks>
public static class OneDnn
{
    /// <summary>The oneDNN environment variable that caps the instruction set its kernels may use.</summary>
    public const string MaxIsaVariable = "ONEDNN_MAX_CPU_ISA";

    /// <summary>The cap this library sets when the user has not set one.</summary>
    public const string DefaultMaxIsa = "AVX2";

    /// <summary>The value of <see cref="MaxIsaVariable"/> in this process (the user's or the library's).</summary>
    public static string? MaxIsa => Environment.GetEnvironmentVariable(MaxIsaVariable);

    /// <summary>Sets <see cref="MaxIsaVariable"/> to <see cref="DefaultMaxIsa"/> in the native environment unless
    /// it is already set. It is idempotent and runs as soon as any type of this library is first used.</summary>
    [SuppressMessage("Usage", "CA2255", Justification = "must run before libtorch's first convolution")]
    [ModuleInitializer]
    public static void CapInstructionSet()
    {
        if (!string.IsNullOrEmpty(MaxIsa)) return;
        // On Unix the managed environment is a copy: native getenv (oneDNN's) sees only libc's setenv.
        if (!OperatingSystem.IsWindows()) _ = setenv(MaxIsaVariable, DefaultMaxIsa, 0);
        Environment.SetEnvironmentVariable(MaxIsaVariable, DefaultMaxIsa);
    }

    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern int setenv(string name, string value, int overwrite);
}
