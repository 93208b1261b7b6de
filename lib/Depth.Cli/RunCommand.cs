using System.Globalization;
using Depth.Notebooks.Execution;
using Depth.Notebooks.Model;
using Depth.Notebooks.Site;

namespace Depth.Cli;

/// <summary><c>course run</c>: executes notebooks in the real kernel, writes executed copies and the site, prints times
/// and a summary. Every input error is one line and exit code 2, found before any notebook runs.</summary>
public static class RunCommand
{
    /// <summary>Parsed arguments of <c>course run</c>.</summary>
    public sealed record Arguments(string Root, IReadOnlyList<string> Notebooks, bool Quick, IReadOnlyList<string> Params, string? Out,
                                   bool AllowErrors, TimeSpan? CellTimeout = null);

    /// <summary>Runs the command; 0 when every notebook ran and every claim held, 1 when not, 2 for bad input, and for a
    /// run stopped early the code of its <see cref="RunStop"/>: 3 when a kernel died, 124 when a cell timed out, 130 when
    /// interrupted.</summary>
    public static async Task<int> ExecuteAsync(Arguments args, CancellationToken cancellationToken)
    {
        var stdout = Console.Out;
        IReadOnlyList<string> paths;
        string outDir;
        IDisposable outLock;
        RunOptions options;
        KernelCommandLine kernel;
        try
        {
            var parameters = ParseParams(args.Params);
            paths = NotebookPaths.Resolve(args.Root, args.Notebooks);
            if (paths.Count == 0) throw new ArgumentException($"no notebooks found in {NotebookPaths.Folder(args.Root)}");
            options = new RunOptions(args.Quick, parameters, args.AllowErrors, args.CellTimeout);
            foreach (var path in paths) Preflight(path, options);
            kernel = KernelCommandLine.Find(args.Root);
            outDir = OutputFolder.Prepare(args.Out ?? Path.Combine(args.Root, "site"), paths);
            outLock = OutputFolder.Lock(outDir);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or FormatException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"course run: {e.Message}");
            return 2;
        }

        using var _ = outLock;
        await stdout.WriteLineAsync($"kernel: .NET Interactive {kernel.Version} ({kernel.Program})");
        using var interrupt = new CancellationTokenSource();
        using var link = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interrupt.Token);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (interrupt.IsCancellationRequested) return;   // a second Ctrl-C ends the process at once
            e.Cancel = true;
            interrupt.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        var progress = ProgressReporter.Create(stdout);
        var runs = new List<NotebookRun>();
        var failed = 0;
        var stop = RunStop.None;
        try
        {
            foreach (var path in paths)
            {
                if (link.IsCancellationRequested) { stop = RunStop.Interrupted; break; }
                var name = Path.GetFileNameWithoutExtension(path);
                NotebookResult result;
                try
                {
                    result = await progress.RunAsync(name, reporter => NotebookRunner.RunAsync(path, kernel, options, reporter, link.Token));
                }
                catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or FormatException or ArgumentException
                                              or OperationCanceledException)
                {
                    var message = e is OperationCanceledException ? $"{name}: interrupted before the kernel started" : $"{name}: {e.Message}";
                    await stdout.WriteLineAsync($"✗ {message}");
                    runs.Add(new NotebookRun(name, name, "", TimeSpan.Zero, 0, 0, false, message));
                    failed++;
                    if (e is OperationCanceledException) { stop = RunStop.Interrupted; break; }
                    continue;
                }
                var executedPath = Path.Combine(outDir, result.Name + ".ipynb");
                OutputFolder.MarkExecuted(result.Executed, result.KernelVersion);
                OutputFolder.Write(executedPath, result.Executed, paths);
                var error = result.Interrupted ?? result.Errors.FirstOrDefault()?.Message;
                var ok = result.ClaimsFailed == 0 && result.Interrupted is null && (result.Errors.Count == 0 || args.AllowErrors);
                if (!ok) failed++;
                runs.Add(new NotebookRun(result.Name, result.Title, executedPath, result.Elapsed, result.ClaimsPassed, result.ClaimsFailed,
                    ok && result.Errors.Count == 0, error, result.Errors.Count));
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{(ok ? "✓" : "✗")} {result.Name}  {result.Elapsed.TotalSeconds:0.00} s  claims {result.ClaimsPassed} passed, {result.ClaimsFailed} failed" +
                    $"{(result.Errors.Count > 0 ? $", {result.Errors.Count} failed cell(s)" : "")}" +
                    $"{(error is null ? "" : $"\n    {error}")}"));
                if (result.Stop != RunStop.None) { stop = result.Stop; break; }
            }
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        var all = SiteBuilder.Build(runs.Where(r => r.ExecutedPath.Length > 0).ToList(), outDir);
        var total = runs.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed);
        var failedCells = runs.Sum(r => r.FailedCells);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{runs.Count - failed} of {runs.Count} notebooks succeeded in {total.TotalSeconds:0.0} s; claims {runs.Sum(r => r.ClaimsPassed)} passed, " +
            $"{runs.Sum(r => r.ClaimsFailed)} failed; {failedCells} failed cell(s); kernel .NET Interactive {kernel.Version}; " +
            $"site: {Path.Combine(outDir, "index.html")} ({all} lessons)"));
        if (stop != RunStop.None) return (int)stop;
        return failed == 0 && failedCells == 0 ? 0 : 1;
    }

    /// <summary>Reads the notebook and checks its parameters the way the run will inject them; throws the one-line
    /// error a bad notebook or a bad <c>--param</c> deserves.</summary>
    private static void Preflight(string path, RunOptions options)
    {
        var notebook = Notebook.Load(path);
        _ = notebook.Cells.Select(c => c.CellType).ToList();   // every cell has a type
        Parameters.Inject(notebook.Clone(), options.Quick, options.Parameters ?? new Dictionary<string, string>(),
            Path.GetFileNameWithoutExtension(path));
    }

    /// <summary>Parses repeated <c>name=value</c> options.</summary>
    public static Dictionary<string, string> ParseParams(IEnumerable<string> values)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=');
            if (equals <= 0) throw new ArgumentException($"--param '{value}' is not name=value");
            parsed[value[..equals].Trim()] = value[(equals + 1)..];
        }
        return parsed;
    }
}
