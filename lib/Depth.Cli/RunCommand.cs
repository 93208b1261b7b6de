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
                                   bool AllowErrors, TimeSpan? CellTimeout = null, int? Jobs = null);

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
        LessonTimes times;
        try
        {
            var parameters = ParseParams(args.Params);
            paths = NotebookPaths.Resolve(args.Root, args.Notebooks);
            if (paths.Count == 0) throw new ArgumentException($"no notebooks found in {NotebookPaths.Folder(args.Root)}");
            options = new RunOptions(args.Quick, parameters, args.AllowErrors, args.CellTimeout);
            foreach (var path in paths) Preflight(path, options);
            kernel = KernelCommandLine.Find(args.Root);
            times = LessonTimes.Read(args.Root);
            outDir = OutputFolder.Prepare(args.Out ?? Path.Combine(args.Root, "site"), paths);
            outLock = OutputFolder.Lock(outDir);
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException or FormatException or IOException or UnauthorizedAccessException
                                   or InvalidDataException)
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
        var jobs = Math.Min(args.Jobs ?? Environment.ProcessorCount, paths.Count);
        // One line per event when lessons run side by side (a live status shows one notebook at a time).
        var progress = jobs > 1 && paths.Count > 1 ? new ProgressReporter.Plain(stdout) : ProgressReporter.Create(stdout);
        if (jobs > 1 && paths.Count > 1)
        {
            // The kernels' OpenMP threads wait passively (./course sets OMP_WAIT_POLICY): spinning ones would take the
            // core a neighbouring lesson needs.
            await stdout.WriteLineAsync($"running up to {jobs} notebooks at once on {Environment.ProcessorCount} cores " +
                                        "(each lesson's torch threads count against the cores; --jobs 1 runs them one by one)");
        }
        var outcomes = new (NotebookRun Run, RunStop Stop)[paths.Count];
        var wall = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // Side by side, the measured times (bench/results/lesson-times.json) choose the order; one by one, the
            // notebooks' own.
            var needs = paths.Select(p => JobScheduler.ThreadsOf(p, args.Quick)).ToList();
            var order = jobs > 1
                ? JobScheduler.LongestFirst(needs, paths.Select(p => times.Seconds(Path.GetFileNameWithoutExtension(p), args.Quick)).ToList())
                : Enumerable.Range(0, paths.Count).ToList();
            await JobScheduler.RunAsync(order.Select(i => needs[i]).ToList(), jobs, Environment.ProcessorCount, async k =>
            {
                var i = order[k];
                outcomes[i] = await RunOneAsync(paths[i], kernel, options, outDir, paths, progress, stdout, link.Token);
                return outcomes[i].Stop == RunStop.None;
            }, link.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        var runs = outcomes.Where(o => o.Run is not null).Select(o => o.Run).ToList();
        var failed = runs.Count(r => !r.Succeeded);
        var stop = link.IsCancellationRequested ? RunStop.Interrupted
            : outcomes.Where(o => o.Run is not null).Select(o => o.Stop).FirstOrDefault(s => s != RunStop.None);
        var all = SiteBuilder.Build(runs.Where(r => r.ExecutedPath.Length > 0).ToList(), outDir, times);
        var total = runs.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed);
        var failedCells = runs.Sum(r => r.FailedCells);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{runs.Count - failed} of {runs.Count} notebooks succeeded in {total.TotalSeconds:0.0} s of notebooks " +
            $"({wall.Elapsed.TotalSeconds:0.0} s wall, {jobs} at once); claims {runs.Sum(r => r.ClaimsPassed)} passed, " +
            $"{runs.Sum(r => r.ClaimsFailed)} failed; {failedCells} failed cell(s); kernel .NET Interactive {kernel.Version}; " +
            $"site: {Path.Combine(outDir, "index.html")} ({all} lessons)"));
        if (stop != RunStop.None) return (int)stop;
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Runs one notebook, writes its executed copy and prints its result line.</summary>
    private static async Task<(NotebookRun Run, RunStop Stop)> RunOneAsync(string path, KernelCommandLine kernel, RunOptions options,
        string outDir, IReadOnlyList<string> paths, ProgressReporter progress, TextWriter stdout, CancellationToken cancellationToken)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        NotebookResult result;
        try
        {
            result = await progress.RunAsync(name, reporter => NotebookRunner.RunAsync(path, kernel, options, reporter, cancellationToken));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or FormatException or ArgumentException
                                      or OperationCanceledException)
        {
            var message = e is OperationCanceledException ? $"{name}: interrupted before the kernel started" : $"{name}: {e.Message}";
            lock (stdout) stdout.WriteLine($"✗ {message}");
            return (NotebookRun.NotStarted(name, message), e is OperationCanceledException ? RunStop.Interrupted : RunStop.None);
        }
        var executedPath = Path.Combine(outDir, result.Name + ".ipynb");
        OutputFolder.MarkExecuted(result.Executed, result.KernelVersion);
        OutputFolder.Write(executedPath, result.Executed, paths);
        var run = NotebookRun.Of(result, executedPath);
        lock (stdout)
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{(run.Succeeded ? "✓" : "✗")} {result.Name}  {result.Elapsed.TotalSeconds:0.00} s  claims {result.ClaimsPassed} passed, {result.ClaimsFailed} failed" +
                $"{(result.Errors.Count > 0 ? $", {result.Errors.Count} failed cell(s)" : "")}" +
                $"{(run.Error is null ? "" : $"\n    {run.Error}")}"));
        return (run, result.Stop);
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
