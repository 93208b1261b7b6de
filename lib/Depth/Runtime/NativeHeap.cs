using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Depth;

/// <summary>
/// Makes glibc's <c>malloc</c> keep freed blocks of up to <see cref="KeepBelowBytes"/> for reuse, instead of giving
/// each one back to the kernel and faulting it in again on the next step.
/// </summary>
/// <remarks>
/// <para><b>The cost.</b> libtorch allocates tensors with <c>malloc</c>. glibc serves a request above its mmap
/// threshold with a fresh <c>mmap</c>, and every 4 KB page of it page-faults on first touch. The threshold adapts
/// to blocks that are freed, but never above 32 MB. A 10,000-layer step has temporaries above that every step:
/// the stacked hidden weights' gradient (40 MB for the width-32 MLP) and Adam's <c>sqrt</c> and division of its
/// second moment (two more): 30,000 page faults, 40 % of the MLP's step on this course's 2-core virtual machine.</para>
/// <para><b>The fix.</b> When any <c>Depth</c> type is first used, the module initialiser calls glibc's
/// <c>mallopt</c>: <c>M_MMAP_THRESHOLD</c> = <see cref="KeepBelowBytes"/> (requests below it come from the heap,
/// whose freed blocks are reused) and <c>M_TRIM_THRESHOLD</c> = 2 × that (free memory at the top of the heap is
/// kept up to that size, not handed back). These are what the environment variables
/// <c>MALLOC_MMAP_THRESHOLD_</c> and <c>MALLOC_TRIM_THRESHOLD_</c> set; a value already given there wins.</para>
/// <para><b>Why 64 MiB, not more.</b> Kept blocks stay resident between uses, and blocks of other sizes land
/// beside them. A threshold above the 10,000-layer CNN's 92 MB temporaries makes its step faster but raises lesson
/// 08's peak by about 260 MiB; at 64 MiB the MLP keeps all of its gain and the CNN's memory stays as it is. 64 MiB is
/// also the largest block glibc's per-thread arenas can hold.</para>
/// <para><b>Between phases.</b> Kept blocks stay resident after their last use, so a lesson that trains one network
/// after another can peak at the sum of what each phase left free. <see cref="Trim"/> hands the free pages back;
/// <c>GroupTrainer</c> calls it before a run and after each evaluation (lessons 07 and 08 peak up to 320 MiB lower,
/// no slower per step).</para>
/// <para>Only on Linux with glibc; elsewhere (macOS, Windows, musl) it does nothing and <see cref="Applied"/> is
/// false. docs/runtime.md has the measurements.</para>
/// </remarks>
public static class NativeHeap
{
    /// <summary>Blocks below this size come from the reusable heap: 64 MiB, above the 10,000-layer MLP's per-step
    /// temporaries (40 MB), below the CNN's (92 MB); see the remarks.</summary>
    public const int KeepBelowBytes = 64 << 20;

    const int TrimThreshold = -1, MmapThreshold = -3;   // glibc's M_TRIM_THRESHOLD, M_MMAP_THRESHOLD

    /// <summary>Whether <c>mallopt</c> accepted both settings (false where there is no glibc, or where the
    /// environment variables already set them).</summary>
    public static bool Applied { get; private set; }

    /// <summary>Sets both thresholds (see the remarks). Idempotent; runs as soon as any type of this library is
    /// first used.</summary>
    [SuppressMessage("Usage", "CA2255", Justification = "must run before the first large tensor is allocated")]
    [ModuleInitializer]
    public static void KeepFreedBlocks()
    {
        if (!OperatingSystem.IsLinux() || Applied || SetByEnvironment) return;
        try
        {
            Applied = mallopt(MmapThreshold, KeepBelowBytes) == 1 && mallopt(TrimThreshold, 2 * KeepBelowBytes) == 1;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            Applied = false;   // not glibc: its allocator has its own policy
        }
    }

    /// <summary>Whether <c>MALLOC_MMAP_THRESHOLD_</c> or <c>MALLOC_TRIM_THRESHOLD_</c> is set: then glibc's
    /// settings come from the environment and this class leaves them alone.</summary>
    internal static bool SetByEnvironment =>
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MALLOC_MMAP_THRESHOLD_"))
        || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("MALLOC_TRIM_THRESHOLD_"));

    /// <summary>Hands the heap's free memory back to the kernel (glibc's <c>malloc_trim(0)</c>: free pages anywhere in
    /// the heap, not only at its top). Kept blocks are what make a step fast, but between phases of a lesson they
    /// only add to resident memory: blocks freed by one network's activations, evaluation batches or a loader are
    /// sizes the next network may not ask for, and the next one's blocks land beside them. <c>GroupTrainer</c>
    /// calls this before a run and after each evaluation. Returns whether anything was released (false where there
    /// is no glibc).</summary>
    public static bool Trim()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try { return malloc_trim(0) == 1; }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException) { return false; }
    }

    [DllImport("libc")]
    private static extern int mallopt(int param, int value);

    [DllImport("libc")]
    private static extern int malloc_trim(nuint pad);
}
