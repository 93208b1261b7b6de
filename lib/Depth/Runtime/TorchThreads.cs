using System.Globalization;
using TorchSharp;

namespace Depth;

/// <summary>
/// Sets libtorch's intra-op thread count for a lesson. A lesson states the count it prefers (one thread is faster
/// for small, deep networks); the environment variable <c>COURSE_TORCH_THREADS</c> overrides it, so a robustness
/// run can check every claim under 1 and 2 threads (a different thread count changes the order of floating-point
/// reductions, hence the numbers).
/// OpenMP keeps its thread count per OS thread (the nthreads-var ICV): <c>torch.set_num_threads</c> fixes it for the
/// calling thread and for threads libtorch starts later, but oneDNN's convolutions on another, already running thread
/// use that thread's own default (every core). A notebook kernel may run each cell on a different thread, so the
/// library's long-running entry points (<c>Trainer.Train</c>, <c>Trainer.Evaluate</c>, <c>GroupTrainer.Train</c>)
/// call <see cref="ApplyHere"/>.
/// </summary>
public static class TorchThreads
{
    private static int chosen;            // 0: Use was never called
    [ThreadStatic] private static int appliedHere;

    /// <summary>The environment variable that overrides a lesson's choice.</summary>
    public const string EnvironmentVariable = "COURSE_TORCH_THREADS";

    /// <summary>Sets <c>torch.set_num_threads</c> to the override, if any, else to <paramref name="preferred"/>;
    /// returns the count set.</summary>
    public static int Use(int preferred)
    {
        int n = Resolve(preferred, Environment.GetEnvironmentVariable(EnvironmentVariable));
        chosen = n;
        appliedHere = n;
        torch.set_num_threads(n);
        return n;
    }

    /// <summary>The count set by <see cref="Use"/>, or null if it was never called.</summary>
    public static int? Chosen => chosen == 0 ? null : chosen;

    /// <summary>Sets the count chosen by <see cref="Use"/> on the calling OS thread, once per thread (nothing when
    /// <see cref="Use"/> was never called).</summary>
    public static void ApplyHere()
    {
        int n = chosen;
        if (n == 0 || appliedHere == n) return;
        torch.set_num_threads(n);
        appliedHere = n;
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
