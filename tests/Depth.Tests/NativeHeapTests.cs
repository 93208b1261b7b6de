using System.Runtime.InteropServices;
using Depth;
using TorchSharp;

namespace Depth.Tests;

/// <summary><see cref="NativeHeap"/>: a large tensor's memory comes from glibc's heap, where a freed block stays to be
/// reused, not from a fresh mapping that is faulted in page by page and unmapped when freed.</summary>
[Collection(nameof(Serial))]
public class NativeHeapTests
{
    // glibc's mallinfo2 (2.33+): ten size_t counters; hblkhd, the fifth, is the bytes held in mmapped blocks.
    [StructLayout(LayoutKind.Sequential)]
    private struct MallInfo2
    {
        public nuint Arena, Ordblks, Smblks, Hblks, Hblkhd, Usmblks, Fsmblks, Uordblks, Fordblks, Keepcost;
    }

    [DllImport("libc", EntryPoint = "mallinfo2")]
    private static extern MallInfo2 MallInfo();

    [Fact]
    public void LargeBlockComesFromTheHeapNotAFreshMapping()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "glibc's mallopt: Linux only");
        Assert.SkipWhen(NativeHeap.SetByEnvironment,
            "MALLOC_MMAP_THRESHOLD_ or MALLOC_TRIM_THRESHOLD_ is set: the environment decides");
        NativeHeap.KeepFreedBlocks();
        Assert.True(NativeHeap.Applied, "mallopt refused the thresholds");
        // 40 MiB is above glibc's largest adaptive mmap threshold (32 MiB): without the setting it is mapped fresh.
        // Earlier tests' tensors are finalized first, and the difference is signed: had the finalizer thread freed an
        // mmapped tensor (the full training set is 188 MB) in between, the count would shrink, and as unsigned numbers
        // the difference would wrap around to 18 exabytes.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long mapped = (long)MallInfo().Hblkhd;
        using var block = torch.empty(10L << 20);                    // 40 MiB of floats
        long grown = (long)MallInfo().Hblkhd - mapped;
        Assert.True(grown < (10L << 20) * 4, $"the 40 MiB block was mmapped ({grown:N0} bytes more in mmapped blocks)");
    }

    // Resident memory of this process in KiB (VmRSS in /proc/self/status).
    private static long ResidentKb() => long.Parse(File.ReadLines("/proc/self/status")
        .First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    [Fact]
    public void TrimHandsFreedHeapPagesBack()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "glibc's malloc_trim: Linux only");
        // 4,800 blocks of 64 KiB (300 MiB), each below any mmap threshold, so they come from the heap; every page is
        // written. One more block stays allocated above them, so free() alone cannot hand them back from the heap's top.
        // Earlier tests leave freed but resident heap blocks that these allocations would reuse: start from a trimmed heap.
        const int count = 4800, size = 64 << 10;
        NativeHeap.Trim();
        long start = ResidentKb();
        var ones = Enumerable.Repeat((byte)1, size).ToArray();
        var blocks = new IntPtr[count];
        for (int i = 0; i < count; i++)
        {
            blocks[i] = Marshal.AllocHGlobal(size);
            Marshal.Copy(ones, 0, blocks[i], size);
        }
        var above = Marshal.AllocHGlobal(size);
        foreach (var block in blocks) Marshal.FreeHGlobal(block);
        long freed = ResidentKb();
        bool released = NativeHeap.Trim();
        long trimmed = ResidentKb();
        Marshal.FreeHGlobal(above);
        const long most = count * (size / 1024L);   // KiB
        Assert.True(freed - start > most / 2, $"free() already gave the blocks back: resident {start:N0} → {freed:N0} KiB");
        Assert.True(released, "malloc_trim released nothing");
        Assert.True(freed - trimmed > most / 2, $"Trim released only {freed - trimmed:N0} of {most:N0} KiB");
    }
}
