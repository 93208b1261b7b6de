using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Depth.Notebooks.Formatting;
using Depth.Notebooks.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting;

namespace Depth.Notebooks.Execution;

/// <summary>
/// Runs a notebook as the .NET Interactive C# kernel would and returns an executed copy: outputs saved as the
/// kernel saves them, execution counts, per-cell timing (<c>metadata.execution</c>). The source file is never written.
/// </summary>
public static class NotebookRunner
{
    private static readonly SemaphoreSlim oneAtATime = new(1, 1);

    /// <summary>Runs the notebook at <paramref name="path"/>.</summary>
    public static async Task<NotebookResult> RunAsync(string path, RunOptions? options = null, IProgress<CellProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        options ??= new RunOptions();
        var full = Path.GetFullPath(path);
        var session = new CSharpSession(Path.GetDirectoryName(full)!);
        _ = session.StartAsync();                        // warm Roslyn while the notebook is read
        var notebook = Notebook.Load(full);
        return await RunAsync(notebook, Path.GetFileNameWithoutExtension(full), session, options, progress, cancellationToken);
    }

    /// <summary>Runs an already loaded notebook (a copy is executed; <paramref name="source"/> is left as it was).</summary>
    public static async Task<NotebookResult> RunAsync(Notebook source, string name, CSharpSession session, RunOptions options, IProgress<CellProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        ConsoleRouter.Install();
        var clock = Stopwatch.StartNew();
        var executed = source.Clone();
        var originalIndex = Enumerable.Range(1, executed.Cells.Count).Cast<int?>().ToList();
        var injectedAt = Parameters.Inject(executed, options.Quick, options.Parameters ?? new Dictionary<string, string>(), name);
        if (injectedAt >= 0) originalIndex.Insert(injectedAt, null);
        var errors = new List<NotebookException>();
        var cells = executed.Cells;
        var codeCells = cells.Count(c => c.IsCode);

        await oneAtATime.WaitAsync(cancellationToken);
        var previousDirectory = Directory.GetCurrentDirectory();
        try
        {
            Directory.SetCurrentDirectory(session.BaseDirectory);   // the kernel runs in the notebook's folder
            var count = 0;
            for (var i = 0; i < cells.Count; i++)
            {
                var cell = cells[i];
                if (!cell.IsCode) continue;
                cell.Outputs.Clear();
                cell.ExecutionCount = null;
                if (errors.Count > 0 && !options.AllowErrors) continue;   // the run stopped: later cells stay unexecuted
                count++;
                progress?.Report(new CellProgress(name, count, codeCells, clock.Elapsed));
                var label = originalIndex[i] is { } k ? k : (int?)null;
                var cellNumber = count;
                Action<string>? printed = progress is null ? null : line => progress.Report(new CellProgress(name, cellNumber, codeCells, clock.Elapsed, line));
                var error = await RunCellAsync(session, cell, count, name, label ?? i + 1, label is null, printed, cancellationToken);
                if (error is not null) errors.Add(error);
            }
        }
        finally
        {
            Directory.SetCurrentDirectory(previousDirectory);
            oneAtATime.Release();
        }
        var (passed, failed) = Claims.Count(executed);
        return new NotebookResult(name, source.Title() ?? name, executed, clock.Elapsed, passed, failed, errors);
    }

    private static async Task<NotebookException?> RunCellAsync(CSharpSession session, NotebookCell cell, int executionCount, string notebook, int cellNumber, bool injected, Action<string>? printed, CancellationToken cancellationToken)
    {
        var outputs = new CellOutputs { LineWritten = printed };
        var started = DateTimeOffset.UtcNow;
        var where = injected ? $"{notebook}.ipynb (injected parameters)" : $"{notebook}.ipynb";
        var filePath = $"{notebook}.ipynb#cell{cellNumber}";
        NotebookException? failure = null;
        try
        {
            var directives = CellDirectives.Parse(cell.Source);
            foreach (var reference in directives.References)
            {
                try
                {
                    session.AddReferences(session.References.Resolve(reference));
                }
                catch (DirectiveException e)
                {
                    throw new LineDirectiveException(reference.Line, e.Message);
                }
            }
            var previous = KernelContext.Current;
            KernelContext.Current = outputs;
            (bool HasValue, object? Value, Exception? Exception) result;
            try
            {
                result = await session.RunAsync(directives.Code, filePath, cancellationToken);
                if (result.Exception is null && result.HasValue)
                    outputs.AddResult(executionCount, OutputFormatter.Format(result.Value));
            }
            finally
            {
                KernelContext.Current = previous;
            }
            if (result.Exception is { } thrown)
            {
                var line = CSharpSession.LineOf(thrown, filePath);
                failure = new NotebookException(where, cellNumber, line, $"{thrown.GetType().Name}: {thrown.Message}", thrown);
                outputs.AddError(thrown.GetType().Name, thrown.Message, [failure.Message, .. thrown.ToString().Split('\n')]);
            }
        }
        catch (LineDirectiveException e)
        {
            failure = new NotebookException(where, cellNumber, e.Line, e.Message, e);
            outputs.AddError("DirectiveError", e.Message, [failure.Message]);
        }
        catch (CompilationErrorException e)
        {
            var first = e.Diagnostics.FirstOrDefault(d => d.Severity == DiagnosticSeverity.Error) ?? e.Diagnostics.First();
            var line = first.Location.IsInSource ? first.Location.GetLineSpan().StartLinePosition.Line + 1 : (int?)null;
            var messages = e.Diagnostics.Select(FormatDiagnostic).ToList();
            var detail = messages.Count == 1 ? FormatDiagnostic(first, withLine: false) : string.Join("; ", messages);
            failure = new NotebookException(where, cellNumber, line, detail, e);
            outputs.AddError("CompilationError", string.Join("\n", messages), [failure.Message]);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or IOException or BadImageFormatException)
        {
            failure = new NotebookException(where, cellNumber, null, $"{e.GetType().Name}: {e.Message}", e);
            outputs.AddError(e.GetType().Name, e.Message, [failure.Message]);
        }
        cell.ExecutionCount = executionCount;
        cell.Json["outputs"] = outputs.Outputs;
        cell.Metadata["execution"] = new JsonObject
        {
            ["iopub.execute_input"] = Iso(started),
            ["shell.execute_reply"] = Iso(DateTimeOffset.UtcNow),
        };
        return failure;
    }

    private static string FormatDiagnostic(Diagnostic d) => FormatDiagnostic(d, withLine: true);

    private static string FormatDiagnostic(Diagnostic d, bool withLine)
    {
        var line = withLine && d.Location.IsInSource ? $"line {d.Location.GetLineSpan().StartLinePosition.Line + 1}: " : "";
        return $"{line}{d.Severity.ToString().ToLowerInvariant()} {d.Id}: {d.GetMessage(CultureInfo.InvariantCulture)}";
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
