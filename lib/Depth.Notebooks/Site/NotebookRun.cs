using Depth.Notebooks.Execution;

namespace Depth.Notebooks.Site;

/// <summary>
/// The result of running one lesson notebook, as the site shows it and <c>runs.json</c> keeps it.
/// </summary>
/// <param name="Name">File name without extension, e.g. <c>01-parameters</c>; the page becomes <c>Name.html</c>.</param>
/// <param name="Title">The notebook's first markdown <c># </c> heading, or <paramref name="Name"/>.</param>
/// <param name="ExecutedPath">The executed <c>.ipynb</c> (nbformat 4), already written by the engine.</param>
/// <param name="Elapsed">Wall time of the whole run.</param>
/// <param name="ClaimsPassed">Number of claims that held.</param>
/// <param name="ClaimsFailed">Number of claims that did not hold.</param>
/// <param name="Succeeded">The run's <see cref="NotebookResult.Succeeded"/> (false when it never started).</param>
/// <param name="Error">What went wrong when <paramref name="Succeeded"/> is false, else null.</param>
/// <param name="FailedCells">Cells that failed (more than one only with <c>--allow-errors</c>).</param>
/// <param name="Quick">Whether the run was in quick mode; null = not known yet (the site then
/// reads it from the executed notebook's <c>metadata.course.parameters</c>).</param>
public sealed record NotebookRun(string Name, string Title, string ExecutedPath, TimeSpan Elapsed,
                                 int ClaimsPassed, int ClaimsFailed, bool Succeeded, string? Error,
                                 int FailedCells = 0, bool? Quick = null)
{
    /// <summary>The site's record of <paramref name="result"/>, whose executed copy is at <paramref
    /// name="executedPath"/>.</summary>
    public static NotebookRun Of(NotebookResult result, string executedPath) =>
        new(result.Name, result.Title, executedPath, result.Elapsed, result.ClaimsPassed, result.ClaimsFailed,
            result.Succeeded, result.Interrupted ?? result.Errors.FirstOrDefault()?.Message, result.Errors.Count, result.Quick);

    /// <summary>A lesson whose kernel never ran it (it could not start, or Ctrl-C came first).</summary>
    public static NotebookRun NotStarted(string name, string message) =>
        new(name, name, "", TimeSpan.Zero, 0, 0, false, message);
}
