namespace Depth.Notebooks.Execution;

/// <summary>
/// Runs jobs concurrently within a budget of cores, in the given order: job <c>i</c> needs <c>needs[i]</c> cores (its
/// torch threads) and starts when at most <c>jobs − 1</c> others run and the cores in use plus its need fit the budget
/// (a job that needs more than the budget runs alone). Keeping threads within the cores matters: libtorch's OpenMP
/// threads spin when the machine is oversubscribed (two 2-thread lessons on 2 cores ran 8× slower).
/// </summary>
public static class JobScheduler
{
    /// <summary>Runs <paramref name="run"/> for each job index; a job returning false (the run must stop) or
    /// <paramref name="cancellationToken"/> stops further starts; running jobs finish. Returns how many started.</summary>
    public static async Task<int> RunAsync(IReadOnlyList<int> needs, int jobs, int budget, Func<int, Task<bool>> run,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(jobs, 1);
        var running = new Dictionary<Task<bool>, int>();
        var used = 0;
        var next = 0;
        var starting = true;
        while (running.Count > 0 || (starting && next < needs.Count))
        {
            while (starting && next < needs.Count && !cancellationToken.IsCancellationRequested && running.Count < jobs
                   && (running.Count == 0 || used + needs[next] <= budget))
            {
                var index = next++;
                used += needs[index];
                running.Add(run(index), index);
            }
            if (running.Count == 0) break;
            var done = await Task.WhenAny(running.Keys).ConfigureAwait(false);
            used -= needs[running[done]];
            running.Remove(done);
            if (!await done.ConfigureAwait(false)) starting = false;
        }
        return next;
    }

    /// <summary>The order to start jobs in when several run at once: jobs that need more cores first (they run alone,
    /// so they are best out of the way before the others pair up), then the longest expected first (a long job started
    /// last keeps one core busy while the other idles), then the given order; unknown times count as 0.</summary>
    public static IReadOnlyList<int> LongestFirst(IReadOnlyList<int> needs, IReadOnlyList<double?> seconds) =>
        Enumerable.Range(0, needs.Count).OrderByDescending(i => needs[i]).ThenByDescending(i => seconds[i] ?? 0)
            .ThenBy(i => i).ToList();

    /// <summary>The torch threads a notebook uses (<c>metadata.course.threads</c>, default 1; in quick mode
    /// <c>metadata.course.quickThreads</c> where given): what it takes of the cores when notebooks run side by side.</summary>
    public static int ThreadsOf(string path, bool quick)
    {
        var course = Model.Notebook.Load(path).Metadata["course"];
        var threads = (quick ? course?["quickThreads"] : null) ?? course?["threads"];
        return threads is null ? 1 : Math.Max(1, (int)threads);
    }
}
