using Depth.Notebooks.Execution;

namespace Depth.Notebooks.Tests;

public class JobSchedulerTests
{
    /// <summary>Runs jobs that finish when released, recording the largest number of cores in use at once.</summary>
    private sealed class Recorder(IReadOnlyList<int> needs)
    {
        private readonly object gate = new();
        public readonly List<int> Started = [];
        public int Used, MostUsed, MostRunning, Running;

        public async Task<bool> Run(int index, bool keepGoing = true)
        {
            lock (gate)
            {
                Started.Add(index);
                Used += needs[index];
                Running++;
                MostUsed = Math.Max(MostUsed, Used);
                MostRunning = Math.Max(MostRunning, Running);
            }
            await Task.Delay(20, TestContext.Current.CancellationToken);
            lock (gate) { Used -= needs[index]; Running--; }
            return keepGoing;
        }
    }

    [Fact]
    public async Task JobsTimesThreadsStayWithinTheCoresAndEveryJobRunsInOrder()
    {
        int[] needs = [1, 1, 1, 1, 1, 1, 1, 1, 2];
        var r = new Recorder(needs);
        var started = await JobScheduler.RunAsync(needs, jobs: 2, budget: 2, i => r.Run(i), TestContext.Current.CancellationToken);
        Assert.Equal(9, started);
        Assert.Equal(Enumerable.Range(0, 9), r.Started);
        Assert.Equal(2, r.MostUsed);
        Assert.Equal(2, r.MostRunning);
    }

    [Fact]
    public void WideJobsStartFirstThenTheLongestThenTheRestInOrder()
    {
        int[] needs = [1, 1, 1, 2, 1, 1];
        double?[] seconds = [9, null, 61, 25, 54, null];
        Assert.Equal([3, 2, 4, 0, 1, 5], JobScheduler.LongestFirst(needs, seconds));
        Assert.Equal([0, 1, 2], JobScheduler.LongestFirst([1, 1, 1], [null, null, null]));   // nothing measured
    }

    [Fact]
    public async Task OneJobAtATimeIsASerialRunAndAJobLargerThanTheBudgetRunsAlone()
    {
        int[] needs = [1, 4, 1];
        var serial = new Recorder(needs);
        await JobScheduler.RunAsync(needs, jobs: 1, budget: 2, i => serial.Run(i), TestContext.Current.CancellationToken);
        Assert.Equal(1, serial.MostRunning);
        var alone = new Recorder(needs);
        await JobScheduler.RunAsync(needs, jobs: 3, budget: 2, i => alone.Run(i), TestContext.Current.CancellationToken);
        Assert.Equal(4, alone.MostUsed);                 // the 4-thread job ran
        Assert.Equal(1, alone.MostRunning);              // by itself: no 1-thread job could join it (1 + 4 > 2)
    }

    [Fact]
    public async Task AJobThatStopsTheRunStartsNoMore()
    {
        int[] needs = [1, 1, 1, 1];
        var r = new Recorder(needs);
        var started = await JobScheduler.RunAsync(needs, jobs: 1, budget: 2, i => r.Run(i, keepGoing: i != 1), TestContext.Current.CancellationToken);
        Assert.Equal(2, started);
        Assert.Equal([0, 1], r.Started);
    }

    [Fact]
    public async Task CancellationStartsNoMore()
    {
        using var cancel = new CancellationTokenSource();
        int[] needs = [1, 1, 1];
        var r = new Recorder(needs);
        var started = await JobScheduler.RunAsync(needs, jobs: 1, budget: 2, async i =>
        {
            await cancel.CancelAsync();
            return await r.Run(i);
        }, cancel.Token);
        Assert.Equal(1, started);
    }
}
