using System.Globalization;
using TorchSharp;

namespace Depth.Notebook;

/// <summary>
/// Sets libtorch's intra-op thread count for a lesson. A lesson states the count it prefers (one thread is faster
/// for small, deep networks); the environment variable <c>COURSE_TORCH_THREADS</c> overrides it, so a robustness
/// run can check every claim under 1 and 2 threads (a different thread count changes the order of floating-point
/// reductions, hence the numbers).
/// </summary>
public static class TorchThreads
{
    /// <summary>The environment variable that overrides a lesson's choice.</summary>
    public const string EnvironmentVariable = "COURSE_TORCH_THREADS";

    /// <summary>Sets <c>torch.set_num_threads</c> to the override, if any, else to <paramref name="preferred"/>;
    /// returns the count set.</summary>
    public static int Use(int preferred)
    {
        int n = Resolve(preferred, Environment.GetEnvironmentVariable(EnvironmentVariable));
        torch.set_num_threads(n);
        return n;
    }

    /// <summary>The count <see cref="Use"/> sets: <paramref name="overrideValue"/> when given, else
    /// <paramref name="preferred"/>. Throws on a value that is not a positive integer.</summary>
    public static int Resolve(int preferred, string? overrideValue)
    {
        if (preferred < 1)
            throw new ArgumentOutOfRangeException(nameof(preferred), preferred, "thread count must be at least 1");
        if (string.IsNullOrWhiteSpace(overrideValue)) return preferred;
        if (int.TryParse(overrideValue, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1) return n;
        throw new ArgumentException(
            $"{EnvironmentVariable} must be a positive integer, got '{overrideValue}'", nameof(overrideValue));
    }
}
