using System.Collections.Concurrent;
using Depth.Notebooks.Execution;

namespace Depth.Notebooks.Tests;

/// <summary>Each course notebook's quick run, once per test program: the notebook tests and the app route tests
/// read the same run.</summary>
public static class QuickRuns
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<NotebookResult>>> Runs = new(StringComparer.Ordinal);

    /// <summary>The quick run (seed 1, the parameters cell's default) of notebooks/<paramref name="notebook"/>.</summary>
    public static Task<NotebookResult> Of(string notebook) =>
        Runs.GetOrAdd(notebook, n => new Lazy<Task<NotebookResult>>(
            () => Engine.Run(Path.Combine(Fixture.RepoRoot(), "notebooks", n), new RunOptions(Quick: true)))).Value;
}
