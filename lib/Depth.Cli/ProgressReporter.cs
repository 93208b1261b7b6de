using System.Globalization;
using Depth.Notebooks.Execution;
using Spectre.Console;

namespace Depth.Cli;

/// <summary>Shows which notebook and cell is running: a live Spectre.Console status on a terminal, plain lines otherwise (CI).</summary>
public abstract class ProgressReporter
{
    /// <summary>Spectre.Console when stdout is a terminal, plain lines otherwise.</summary>
    public static ProgressReporter Create(TextWriter stdout) =>
        Console.IsOutputRedirected ? new Plain(stdout) : new Live(stdout);

    /// <summary>Runs one notebook while showing its progress.</summary>
    public abstract Task<NotebookResult> RunAsync(string notebook, Func<IProgress<CellProgress>, Task<NotebookResult>> run);

    private static string Describe(CellProgress p) =>
        string.Create(CultureInfo.InvariantCulture, $"{p.Notebook}: cell {p.Cell} of {p.CellCount}, {p.Elapsed.TotalSeconds:0.0} s");

    private sealed class Plain(TextWriter stdout) : ProgressReporter
    {
        public override Task<NotebookResult> RunAsync(string notebook, Func<IProgress<CellProgress>, Task<NotebookResult>> run) =>
            run(new SyncProgress(p => { lock (stdout) stdout.WriteLine("  " + Describe(p)); }));
    }

    private sealed class Live(TextWriter stdout) : ProgressReporter
    {
        private readonly IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(stdout) });

        public override Task<NotebookResult> RunAsync(string notebook, Func<IProgress<CellProgress>, Task<NotebookResult>> run) =>
            console.Status().StartAsync(Markup.Escape(notebook), async context =>
            {
                var started = DateTime.UtcNow;
                CellProgress? last = null;
                using var timer = new Timer(_ =>
                {
                    if (last is { } p) context.Status(Markup.Escape(Describe(p with { Elapsed = DateTime.UtcNow - started })));
                }, null, 500, 500);
                return await run(new SyncProgress(p =>
                {
                    last = p;
                    context.Status(Markup.Escape(Describe(p)));
                }));
            });
    }

    /// <summary>Reports synchronously (Progress&lt;T&gt; would post to the thread pool and reorder lines).</summary>
    private sealed class SyncProgress(Action<CellProgress> report) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) => report(value);
    }
}
