using System.Diagnostics;

namespace Depth;

/// <summary>Peak memory and CPU time of this process, for progress lines and cost tables.</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident memory in MB: <c>VmHWM</c> from /proc/self/status on Linux (what the kernel counted),
    /// else <see cref="Process.PeakWorkingSet64"/>.</summary>
    public static double PeakMb()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                    return double.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1],
                        System.Globalization.CultureInfo.InvariantCulture) / 1024.0;
        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }

    /// <summary>CPU seconds this process has used, all threads.</summary>
    public static double CpuSeconds() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
}
