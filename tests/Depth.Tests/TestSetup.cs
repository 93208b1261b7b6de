using System.Runtime.CompilerServices;
using Depth;
using TorchSharp;

namespace Depth.Tests;

internal static class TestSetup
{
    /// <summary>
    /// xunit runs test classes in parallel (one per core); libtorch's own intra-op threads on top of that
    /// oversubscribe a 2-core machine and make small ops ~10× slower. One torch thread per test thread.
    /// </summary>
    /// <para>oneDNN goes off first (see <see cref="OneDnn"/>), whichever test runs the first convolution.</para>
    [ModuleInitializer]
    internal static void OneTorchThreadPerTestThread()
    {
        OneDnn.AvoidFaultyConvolutions();
        torch.set_num_threads(1);
    }
}

/// <summary>Tests that measure wall time or memory, or rely on process-wide state (the global torch generator, redirected
/// output), run alone: after the parallel ones, one at a time.</summary>
[CollectionDefinition(nameof(Serial), DisableParallelization = true)]
public sealed class Serial;
