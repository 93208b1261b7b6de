using System.Globalization;
using Depth.Notebooks.Execution;
using Spectre.Console;

namespace Depth.Cli;

/// <summary>
/// Shows which notebook and cell is running, and the last line a long cell printed (a training loop's progress line):
/// a live Spectre.Console status on a terminal; plain lines otherwise (CI, pipes), where a cell's printed lines are
/// echoed at most every <see cref="PlainEchoInterval"/> so a log shows that a long cell is moving without repeating it.
/// </summary>
public abstract class ProgressReporter
{
    /// <summary>Minimum time between two echoed cell lines in plain mode.</summary>
    public static readonly TimeSpan PlainEchoInterval = TimeSpan.FromSeconds(10);

    /// <summary>Spectre.Console when stdout is a terminal, plain lines otherwise.</summary>
    public static ProgressReporter Create(TextWriter stdout) =>
        Console.IsOutputRedirected ? new Plain(stdout) : new Live(stdout);

    /// <summary>Runs one notebook while showing its progress.</summary>
    public abstract Task<NotebookResult> RunAsync(string notebook, Func<IProgress<CellProgress>, Task<NotebookResult>> run);

    /// <summary>One status line, e.g. "07-ten-thousand-layers: cell 17 of 25, 96.0 s · step 40/150 loss 0.64 …".</summary>
    public static string Describe(CellProgress p)
    {
        var status = string.Create(CultureInfo.InvariantCulture, $"{p.Notebook}: code cell {p.Cell} of {p.CellCount}, {p.Elapsed.TotalSeconds:0.0} s");
        if (p.Output is not { } line) return status;
        line = line.Trim();
        return status + " · " + (line.Length > 100 ? line[..99] + "…" : line);
    }

    /// <summary>Plain lines: every cell start, and a cell's printed line when the last echo is <see cref="PlainEchoInterval"/> old.</summary>
    public sealed class Plain(TextWriter stdout) : ProgressReporter
    {
        /// <inheritdoc/>
        public override Task<NotebookResult> RunAsync(string notebook, Func<IProgress<CellProgress>, Task<NotebookResult>> run)
        {
            var lastEcho = TimeSpan.Zero;
            return run(new SyncProgress(p =>
            {
                if (p.Output is null) lastEcho = p.Elapsed;
                else if (p.Elapsed - lastEcho >= PlainEchoInterval) lastEcho = p.Elapsed;
                else return;
                lock (stdout) stdout.WriteLine("  " + Describe(p));
            }));
        }
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
