using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Execution;

/// <summary>
/// Runs a notebook in the real .NET Interactive kernel (one kernel per notebook, working in the notebook's folder, as
/// VS Code runs it) and returns an executed copy: what the kernel produced, saved as the notebook front ends save it,
/// with execution counts and per-cell timing (<c>metadata.execution</c>). Quick mode and <c>--param</c> follow
/// papermill: a cell tagged <c>injected-parameters</c> after the <c>parameters</c> cell. The source file is never written.
/// </summary>
public static partial class NotebookRunner
{
    /// <summary>Runs the notebook at <paramref name="path"/> in <paramref name="kernel"/>.</summary>
    public static async Task<NotebookResult> RunAsync(string path, KernelCommandLine kernel, RunOptions? options = null,
        IProgress<CellProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new RunOptions();
        var full = Path.GetFullPath(path);
        var name = Path.GetFileNameWithoutExtension(full);
        var executed = Notebook.Load(full).Clone();
        var injectedAt = Parameters.Inject(executed, options.Quick, options.Parameters ?? new Dictionary<string, string>(), name);
        var clock = Stopwatch.StartNew();
        await using var session = await KernelSession.StartAsync(kernel, Path.GetDirectoryName(full)!, RunOptions.KernelStartTimeout, cancellationToken);
        return await RunCellsAsync(executed, name, injectedAt, session, options, progress, clock, cancellationToken);
    }

    private static async Task<NotebookResult> RunCellsAsync(Notebook executed, string name, int injectedAt, KernelSession session,
        RunOptions options, IProgress<CellProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        var cells = executed.Cells;
        var codeCells = cells.Count(c => c.IsCode);
        var errors = new List<NotebookException>();
        string? interrupted = null;
        var stop = RunStop.None;
        var count = 0;
        for (var i = 0; i < cells.Count; i++)
        {
            var cell = cells[i];
            if (!cell.IsCode) continue;
            cell.Outputs.Clear();
            cell.ExecutionCount = null;
            if (interrupted is not null || (errors.Count > 0 && !options.AllowErrors)) continue;   // later cells stay unexecuted
            count++;
            var number = count;
            var where = new CellLocation(name, i < injectedAt || injectedAt < 0 ? i + 1 : i, i == injectedAt, number, codeCells);
            progress?.Report(new CellProgress(name, number, codeCells, clock.Elapsed));
            var outputs = new CellOutputs
            {
                LineWritten = progress is null ? null : line => progress.Report(new CellProgress(name, number, codeCells, clock.Elapsed, line)),
            };
            var started = DateTimeOffset.UtcNow;
            var cellClock = Stopwatch.StartNew();
            string? failure;
            try
            {
                failure = await session.SubmitAsync(cell.Source, outputs, options.EffectiveCellTimeout, cancellationToken);
            }
            catch (Exception e) when (e is TimeoutException or OperationCanceledException or KernelDiedException)
            {
                (stop, var why) = e switch
                {
                    TimeoutException => (RunStop.Timeout, $"stopped: the cell ran {KernelSession.Describe(cellClock.Elapsed)} without finishing "
                                                          + $"(cell timeout {KernelSession.Describe(options.EffectiveCellTimeout)})"),
                    KernelDiedException => (RunStop.KernelDied, $"{e.Message}, {KernelSession.Describe(cellClock.Elapsed)} into the cell"),
                    _ => (RunStop.Interrupted, $"interrupted after {KernelSession.Describe(cellClock.Elapsed)} (Ctrl-C)"),
                };
                interrupted = where.Describe(null, why);
                failure = why;
            }
            if (failure is not null && failure.Contains(nameof(Microsoft.DotNet.Interactive.Commands.RequestInput), StringComparison.Ordinal))
                failure = NoInput + "\n" + failure;
            if (failure is not null)
            {
                var error = where.Exception(LineOf(failure), Summary(failure));
                errors.Add(error);
                outputs.Error(ExceptionName(failure), failure, [error.Message]);
            }
            cell.ExecutionCount = number;
            cell.Json["outputs"] = outputs.ToJson(number);
            cell.Metadata["execution"] = new JsonObject
            {
                ["iopub.execute_input"] = Iso(started),
                ["shell.execute_reply"] = Iso(DateTimeOffset.UtcNow),
            };
        }
        var (passed, failed) = Claims.Count(executed);
        return new NotebookResult(name, executed.Title() ?? name, executed, clock.Elapsed, passed, failed, errors, interrupted,
            session.Kernel.Version, stop);
    }

    /// <summary>What a cell that asks for input (<c>Kernel.GetInputAsync</c>, which sends <c>RequestInput</c> to the front
    /// end) is told: the headless run has no one to ask.</summary>
    public const string NoInput = "InputNotAvailable: this run is headless and cannot answer a request for input: give values as "
                                  + "parameters instead (./course run <notebook> --param name=value)";

    /// <summary>Where a cell is: its number among all cells of the file (the injected cell is named as such) and among
    /// the code cells (what the progress line counts).</summary>
    private sealed record CellLocation(string Notebook, int FileCell, bool Injected, int CodeCell, int CodeCells)
    {
        public string Describe(int? line, string detail) => Exception(line, detail).Message;

        public NotebookException Exception(int? line, string detail) =>
            new($"{Notebook}.ipynb{(Injected ? " (injected parameters)" : "")}", FileCell, line,
                $"{detail} [code cell {CodeCell} of {CodeCells}]");
    }

    /// <summary>The line within the cell a kernel failure points at: a compiler diagnostic's "(line,col): error", else
    /// the first stack frame of the submission (":line n").</summary>
    public static int? LineOf(string failure)
    {
        var m = DiagnosticLine().Match(failure);
        if (!m.Success) m = SubmissionLine().Match(failure);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The first line of a failure message (the exception and its message, or the first diagnostic).</summary>
    public static string Summary(string failure)
    {
        var first = failure.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? failure;
        return first.Length > 400 ? first[..399] + "…" : first;
    }

    private static string ExceptionName(string failure)
    {
        var m = ExceptionType().Match(failure);
        return m.Success ? m.Groups[1].Value : DiagnosticLine().IsMatch(failure) ? "CompilationError" : "Error";
    }

    [GeneratedRegex(@"\((\d+),\d+\): error ")]
    private static partial Regex DiagnosticLine();

    [GeneratedRegex(@"Submission#\d+[^\n]*:line (\d+)")]
    private static partial Regex SubmissionLine();

    [GeneratedRegex(@"^\s*((?:[A-Za-z_][\w]*\.)*[A-Za-z_]\w*(?:Exception|Error))\b")]
    private static partial Regex ExceptionType();

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
