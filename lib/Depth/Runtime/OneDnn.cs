using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using TorchSharp;

namespace Depth;

/// <summary>
/// Turns off libtorch's oneDNN convolutions. On x86 CPUs they compute wrong gradients for common channel counts.
/// </summary>
/// <remarks>
/// <para><b>The bug.</b> TorchSharp-cpu 0.107.0 ships LibTorch 2.10 with oneDNN 3.7.1. For float32 convolutions
/// libtorch picks oneDNN's JIT kernels: <c>jit:avx512_core</c> on an AVX-512 CPU, <c>jit:avx2</c> on an AVX2 CPU.
/// Their <c>backward_data</c> returns a wrong input gradient whenever the convolution's output channels are not a
/// multiple of the kernel's block. The block is 16 on AVX-512 (so 8 or 24 channels break) and 8 on AVX2 (so 4, 6
/// or 12 channels break). The error is in every element: 10–32 off against float64 for standard-normal data, and
/// partly NaN from uninitialised padding. The forward pass and the weight gradient are right.</para>
/// <para>So a CNN still seems to train, but every layer below a narrow one learns from garbage, or goes NaN within
/// a few steps (lesson 05's VGG).</para>
/// <para>Measured on an AMD EPYC (AVX-512), with the oneDNN ISA forced by <c>ONEDNN_MAX_CPU_ISA</c>. SSE4.1 and
/// libtorch's own convolution (the float64 path) are right.</para>
/// <para><b>The fix.</b> When any <c>Depth</c> type is first used, the module initialiser switches off libtorch's
/// use of oneDNN (<c>at::globalContext().setUserEnabledMkldnn(false)</c>, what PyTorch's
/// <c>torch.backends.mkldnn.enabled = False</c> does; TorchSharp has no binding for it). Convolutions then run
/// libtorch's native im2col + BLAS kernels, the ones float64 uses. libtorch reads the switch at every convolution,
/// so it also covers convolutions that ran before. Where the symbol cannot be found it falls back to
/// <c>ONEDNN_MAX_CPU_ISA=SSE41</c>, which oneDNN reads once, at its first convolution.</para>
/// <para>Cost: native convolutions are faster than oneDNN for 8-channel VGG steps and up to 2–3× slower for 16–32
/// channels. Correct gradients come first. <c>tests/Depth.Tests/ConvolutionGradientTests</c> compares every path
/// with float64; docs/runtime.md has the rest.</para>
/// </remarks>
public static class OneDnn
{
    /// <summary>The oneDNN environment variable that caps the instruction set its kernels may use (the fallback).</summary>
    public const string MaxIsaVariable = "ONEDNN_MAX_CPU_ISA";

    // at::globalContext() and at::Context::{set,}userEnabledMkldnn: Itanium (Linux, macOS) and MSVC names.
    static readonly string[] GlobalContextNames = ["_ZN2at13globalContextEv", "?globalContext@at@@YAAEAVContext@1@XZ"];
    static readonly string[] SetNames = ["_ZN2at7Context20setUserEnabledMkldnnEb", "?setUserEnabledMkldnn@Context@at@@QEAAX_N@Z"];
    static readonly string[] GetNames = ["_ZNK2at7Context17userEnabledMkldnnEv", "?userEnabledMkldnn@Context@at@@QEBA_NXZ"];
    static readonly string[] LibraryNames = ["libtorch_cpu.so", "libtorch_cpu.dylib", "torch_cpu.dll", "torch_cpu"];

    /// <summary>How the library keeps convolutions off the faulty kernels: <c>"oneDNN off"</c> or
    /// <c>"oneDNN capped at SSE4.1"</c> (the fallback).</summary>
    public static string Mechanism { get; private set; } = "";

    /// <summary>Whether libtorch may use oneDNN now (null when the switch cannot be read).</summary>
    public static unsafe bool? Enabled
    {
        get
        {
            if (Resolve() is not var (context, _, get) || get == 0) return null;
            return ((delegate* unmanaged<nint, byte>)get)(context) != 0;
        }
    }

    /// <summary>Switches oneDNN off for libtorch's convolutions (or caps it at SSE4.1 where the switch is not
    /// exported). It is idempotent and runs as soon as any type of this library is first used.</summary>
    [SuppressMessage("Usage", "CA2255", Justification = "must run before the first convolution's backward")]
    [ModuleInitializer]
    public static unsafe void AvoidFaultyConvolutions()
    {
        torch.InitializeDeviceType(DeviceType.CPU);                 // loads libtorch
        if (Resolve() is var (context, set, _))
        {
            ((delegate* unmanaged<nint, byte, void>)set)(context, 0);
            Mechanism = "oneDNN off";
            return;
        }
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(MaxIsaVariable)))
        {
            // On Unix the managed environment is a copy: oneDNN's getenv sees only libc's setenv.
            if (!OperatingSystem.IsWindows()) _ = setenv(MaxIsaVariable, "SSE41", 0);
            Environment.SetEnvironmentVariable(MaxIsaVariable, "SSE41");
        }
        Mechanism = "oneDNN capped at SSE4.1";
    }

    static unsafe (nint Context, nint Set, nint Get)? Resolve()
    {
        foreach (var name in LibraryNames)
        {
            if (!NativeLibrary.TryLoad(name, out var library)) continue;
            for (int abi = 0; abi < GlobalContextNames.Length; abi++)
            {
                if (!NativeLibrary.TryGetExport(library, GlobalContextNames[abi], out var global)
                    || !NativeLibrary.TryGetExport(library, SetNames[abi], out var set)) continue;
                NativeLibrary.TryGetExport(library, GetNames[abi], out var get);
                return (((delegate* unmanaged<nint>)global)(), set, get);
            }
        }
        return null;
    }

    [DllImport("libc", CharSet = CharSet.Ansi)]
    private static extern int setenv(string name, string value, int overwrite);
}
