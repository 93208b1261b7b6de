using TorchSharp;

namespace Depth.Tests;

/// <summary><see cref="NativeHeap"/>: a freed large tensor's memory is reused, not faulted in again.</summary>
[Collection(nameof(Serial))] // counts the process's page faults: nothing else may allocate meanwhile
public class NativeHeapTests
{
    // Minor page faults of this process so far (/proc/self/stat, field 10).
    static long MinorFaults() => long.Parse(File.ReadAllText("/proc/self/stat").Split(')')[1]
        .Split(' ', StringSplitOptions.RemoveEmptyEntries)[7]);

    // Allocates a 48 MB tensor (above glibc's largest adaptive mmap threshold, 32 MB), writes every page, frees it.
    static long FaultsOfOneBlock()
    {
        long before = MinorFaults();
        using (var block = torch.empty(12L << 20)) block.fill_(1f);
        return MinorFaults() - before;
    }

    [Fact]
    public void SecondBlockOfTheSameSizeReusesTheFirstsPages()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "glibc's mallopt: Linux only");
        Assert.SkipWhen(NativeHeap.SetByEnvironment,
            "MALLOC_MMAP_THRESHOLD_ or MALLOC_TRIM_THRESHOLD_ is set: the environment decides");
        NativeHeap.KeepFreedBlocks();
        Assert.True(NativeHeap.Applied, "mallopt refused the thresholds");
        FaultsOfOneBlock();                                  // first touch: about 12,288 faults
        long again = FaultsOfOneBlock();
        Assert.True(again < 1_200, $"the second 48 MB block faulted {again} pages in again (12,288 pages)");
    }
}
