namespace Depth;

/// <summary>A checkpoint that cannot continue this run: made with another seed, options, data or
/// model.</summary>
public sealed class CheckpointMismatchException(string message, IReadOnlyList<string> differences)
    : InvalidOperationException(message)
{
    /// <summary>Names of the settings that differ (e.g. "Seed", "model 1.weight").</summary>
    public IReadOnlyList<string> Differences { get; } = differences;
}
