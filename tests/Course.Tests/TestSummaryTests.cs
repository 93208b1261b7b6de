namespace Course.Tests;

/// <summary>What <c>./course test</c> keeps of a test program's output: CI prints only a log's last lines, so the
/// names of failed tests must be there, and libtorch's NNPACK warnings (thousands per run) must not.</summary>
public sealed class TestSummaryTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("course-summary-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    /// <summary>Runs <paramref name="script"/> in sh after sourcing ./course's functions; $1 is a file holding
    /// <paramref name="input"/>.</summary>
    string WithCourseFunctions(string script, string input)
    {
        var file = Path.Combine(dir, "log");
        File.WriteAllText(file, input);
        var (code, stdout, stderr) = Repo.Sh(new() { ["COURSE_SOURCE_ONLY"] = "1" }, "-c", ". ./course && " + script, "sh", file);
        Assert.True(code == 0, stderr);
        return stdout;
    }

    [Fact]
    public void FailedTestsAreRepeatedWithTheirMessage()
    {
        var log = "\u001b[37m  Starting:    Depth.Tests\n" +
                  "\u001b[31m    Depth.Tests.NativeHeapTests.MediumBlocksStayInTheHeap [FAIL]\u001b[0m\n" +
                  "      Assert.True() Failure\n      104,861,696 bytes more in mmapped blocks\n" +
                  "  Finished:    Depth.Tests\n";
        var recap = WithCourseFunctions("recap_failures \"$1\"", log);
        Assert.Equal("failed:\n    Depth.Tests.NativeHeapTests.MediumBlocksStayInTheHeap [FAIL]\n" +
                     "      Assert.True() Failure\n      104,861,696 bytes more in mmapped blocks\n", recap);
    }

    [Fact]
    public void NoFailuresNoRecap() =>
        Assert.Equal("", WithCourseFunctions("recap_failures \"$1\"", "    Depth.Tests.ParamsTests.Counts [PASS]\n  Finished\n"));

    [Fact]
    public void OnlyNnpackWarningsAreDropped()
    {
        const string warning = "[W1201 08:01:00.657843478 NNPACK.cpp:56] Could not initialize NNPACK! Reason: Unsupported hardware.";
        const string other = "[W1201 08:01:00.657843478 Convolution.cpp:12] something else";
        var kept = WithCourseFunctions("grep -v \"$NNPACK_WARNING\" \"$1\"", $"{warning}\n{other}\n{warning}\nsummary\n");
        Assert.Equal($"{other}\nsummary\n", kept);
    }
}
