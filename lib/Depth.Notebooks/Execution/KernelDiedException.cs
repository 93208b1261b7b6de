namespace Depth.Notebooks.Execution;

/// <summary>The kernel process ended while a cell ran: it exited (<c>Environment.Exit</c>, a native crash) or was
/// killed (SIGKILL from the out-of-memory killer, or from outside).</summary>
public sealed class KernelDiedException(int? exitCode, long? peakBytes) : Exception(Describe(exitCode, peakBytes))
{
    /// <summary>The process's exit code, if known; on Linux and macOS a process killed by signal <c>n</c> reports
    /// 128 + n.</summary>
    public int? ExitCode { get; } = exitCode;

    /// <summary>The kernel's peak resident memory (VmHWM) last seen while it ran, if known.</summary>
    public long? PeakBytes { get; } = peakBytes;

    private static string Describe(int? exitCode, long? peakBytes)
    {
        var peak = peakBytes is { } p ? $"; its peak memory was {p / (1024 * 1024):N0} MiB" : "";
        if (exitCode is null) return $"the kernel died: its process ended{peak}";
        if (OperatingSystem.IsWindows() || exitCode <= 128 || exitCode > 128 + 64)
            return $"the kernel died: its process exited with code {exitCode}{peak}";
        var signal = exitCode.Value - 128;
        var why = signal == 9 ? " — the out-of-memory killer is the usual cause (see dmesg); close other programs or "
                                + "run the lesson in quick mode" : "";
        return $"the kernel died: killed by signal {signal} ({SignalName(signal)}){why}{peak}";
    }

    private static string SignalName(int signal) => signal switch
    {
        1 => "SIGHUP", 2 => "SIGINT", 6 => "SIGABRT", 9 => "SIGKILL", 11 => "SIGSEGV", 15 => "SIGTERM",
        _ => $"signal {signal}",
    };
}
