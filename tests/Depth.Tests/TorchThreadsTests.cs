using Depth;
using TorchSharp;

namespace Depth.Tests;

/// <summary><see cref="TorchThreads"/>: the lesson's count, the override, and the count on a thread that was already
/// running when the lesson chose it.</summary>
[Collection(nameof(Serial))]
public class TorchThreadsTests
{
    [Theory]
    [InlineData(1, null, 1)]
    [InlineData(1, "", 1)]
    [InlineData(1, "2", 2)]
    public void ThreadOverrideWinsWhenSet(int preferred, string? value, int expected)
        => Assert.Equal(expected, TorchThreads.Resolve(preferred, value));

    [Theory]
    [InlineData("0")]
    [InlineData("two")]
    [InlineData("-1")]
    public void BadThreadOverrideIsRefused(string value)
        => Assert.Contains(TorchThreads.EnvironmentVariable, Assert.Throws<ArgumentException>(() => TorchThreads.Resolve(1, value)).Message);

    [Fact]
    public void UseRemembersTheCountForOtherThreads()
    {
        int before = TorchSharp.torch.get_num_threads();
        try
        {
            int n = TorchThreads.Use(1);
            Assert.Equal(n, TorchThreads.Chosen);
            Assert.Equal(n, TorchSharp.torch.get_num_threads());
        }
        finally { TorchSharp.torch.set_num_threads(before); }
    }

    /// <summary>OpenMP keeps the thread count per OS thread: a thread that used libtorch before the lesson chose its
    /// count keeps its own (the upstream behaviour) until <see cref="TorchThreads.ApplyHere"/> sets it there.</summary>
    [Fact]
    public void ApplyHereSetsTheCountOnAThreadAlreadyRunning()
    {
        int before = torch.get_num_threads();
        int seen = 0, applied = 0;
        using var started = new ManualResetEventSlim();
        using var chosen = new ManualResetEventSlim();
        var worker = new Thread(() =>
        {
            torch.get_num_threads();               // libtorch initialises this thread's count
            started.Set();
            chosen.Wait();
            seen = torch.get_num_threads();
            TorchThreads.ApplyHere();
            applied = torch.get_num_threads();
        });
        try
        {
            worker.Start();
            started.Wait(TestContext.Current.CancellationToken);
            TorchThreads.Use(before + 1);
            chosen.Set();
            worker.Join();
            Assert.NotEqual(before + 1, seen);      // torch.set_num_threads did not reach the running thread
            Assert.Equal(before + 1, applied);
        }
        finally
        {
            TorchThreads.Use(1);                    // what the other tests' threads use (TestSetup)
            torch.set_num_threads(before);
        }
    }
}
