namespace Depth.Notebooks.Execution;

/// <summary>How to run a notebook.</summary>
/// <param name="Quick">Set the notebook's <c>quick</c> parameter to true (small, fast settings).</param>
/// <param name="Parameters">Overrides for the parameters cell (name → value text).</param>
/// <param name="AllowErrors">Keep running after a failing cell instead of stopping.</param>
public sealed record RunOptions(bool Quick = false, IReadOnlyDictionary<string, string>? Parameters = null, bool AllowErrors = false);

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
/// <param name="ClaimsPassed">Claims shown as passing (✓ lines).</param>
/// <param name="ClaimsFailed">Claims shown as failing (✗ lines).</param>
/// <param name="Errors">Cell failures, in order (at most one unless errors are allowed).</param>
public sealed record NotebookResult(
    string Name, string Title, Model.Notebook Executed, TimeSpan Elapsed,
    int ClaimsPassed, int ClaimsFailed, IReadOnlyList<NotebookException> Errors)
{
    /// <summary>No cell failed and no claim failed.</summary>
    public bool Succeeded => Errors.Count == 0 && ClaimsFailed == 0;
}
