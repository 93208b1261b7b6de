namespace Depth.Notebooks.Execution;

/// <summary>How to run a notebook.</summary>
/// <param name="Quick">Set the notebook's <c>quick</c> parameter to true (small, fast settings).</param>
/// <param name="Parameters">Overrides for the parameters cell (name → value text).</param>
/// <param name="AllowErrors">Keep running after a failing cell instead of stopping.</param>
/// <param name="CellTimeout">Longest a cell may run before the run stops (default: <see cref="DefaultCellTimeout"/>).</param>
public sealed record RunOptions(bool Quick = false, IReadOnlyDictionary<string, string>? Parameters = null, bool AllowErrors = false,
                                TimeSpan? CellTimeout = null)
{
    /// <summary>5 minutes in quick mode, 20 in full mode: well above the longest cell of the course (lesson 07's
    /// training cell, about 8 minutes in full mode) and short enough that a cell stuck in a loop ends a CI run.</summary>
    public TimeSpan DefaultCellTimeout => Quick ? TimeSpan.FromMinutes(5) : TimeSpan.FromMinutes(20);

    /// <summary>The timeout in force.</summary>
    public TimeSpan EffectiveCellTimeout => CellTimeout ?? DefaultCellTimeout;

    /// <summary>How long the kernel may take to start (about 3 s here; a cold machine can take longer).</summary>
    public static readonly TimeSpan KernelStartTimeout = TimeSpan.FromMinutes(2);
}

/// <summary>
/// Progress of a run: the cell running (1-based among code cells), time since the notebook started, and — when the
/// report comes from a line the cell printed — that line (<c>null</c> when the cell is just starting).
/// </summary>
public sealed record CellProgress(string Notebook, int Cell, int CellCount, TimeSpan Elapsed, string? Output = null);

/// <summary>The outcome of running one notebook.</summary>
/// <param name="Name">File name without extension.</param>
/// <param name="Title">First markdown '# ' heading, or the name.</param>
/// <param name="Executed">The executed copy (outputs, execution counts, timing).</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="ClaimsPassed">Claims that held (see <see cref="Claims"/>).</param>
/// <param name="ClaimsFailed">Claims that did not hold.</param>
/// <param name="Errors">Cell failures, in order (at most one unless errors are allowed).</param>
/// <param name="Interrupted">Why the run stopped early (a cell timed out, the kernel died, Ctrl-C), or null.</param>
/// <param name="KernelVersion">The version of the kernel that ran it.</param>
/// <param name="Stop">What stopped the run early, if anything.</param>
public sealed record NotebookResult(
    string Name, string Title, Model.Notebook Executed, TimeSpan Elapsed,
    int ClaimsPassed, int ClaimsFailed, IReadOnlyList<NotebookException> Errors, string? Interrupted = null,
    string KernelVersion = "", RunStop Stop = RunStop.None)
{
    /// <summary>No cell failed (<c>--allow-errors</c> or not), no claim failed, and the run was not interrupted: the
    /// one definition of a notebook's success, which <c>course run</c>'s lines, summary and exit code and the site
    /// (<see cref="Site.NotebookRun"/>) all use.</summary>
    public bool Succeeded => Errors.Count == 0 && ClaimsFailed == 0 && Interrupted is null;

    /// <summary>Whether the run set <c>quick = true</c> (read from the executed copy, see <see
    /// cref="Parameters.IsQuick"/>).</summary>
    public bool Quick => Parameters.IsQuick(Executed);
}

/// <summary>What stopped a run before its last cell, each with the exit code <c>course run</c> gives it.</summary>
public enum RunStop
{
    /// <summary>The run went to its end (cells may still have failed: exit code 1).</summary>
    None = 0,
    /// <summary>The kernel's process ended while a cell ran: exit code 3.</summary>
    KernelDied = 3,
    /// <summary>A cell ran past the cell timeout: exit code 124 (as timeout(1)).</summary>
    Timeout = 124,
    /// <summary>Ctrl-C: exit code 130 (128 + SIGINT, as a shell reports it).</summary>
    Interrupted = 130,
}
