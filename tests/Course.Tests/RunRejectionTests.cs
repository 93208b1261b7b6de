namespace Course.Tests;

/// <summary>Every input error of <c>./course run</c> is one line on stderr and exit code 2, found before any notebook
/// runs (so these finish in seconds: no kernel starts), with no stack trace.</summary>
public class RunRejectionTests
{
    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "malformed.ipynb", "{\"cells\": [", "not valid JSON" },
        { "array.ipynb", "[]", "the top level is not a JSON object" },
        { "nbformat3.ipynb", "{\"nbformat\": 3, \"nbformat_minor\": 0, \"worksheets\": []}", "nbformat 3 is not supported" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void ABadNotebookIsOneLineAndExitCode2(string name, string content, string expected)
    {
        var dir = Directory.CreateTempSubdirectory("bad-nb-").FullName;
        File.WriteAllText(Path.Combine(dir, name), content);
        var (code, _, stderr) = Repo.Course([], "run", Path.Combine(dir, name), "--quick", "--out", Path.Combine(dir, "site"));
        AssertOneLine(code, stderr, expected);
        Assert.False(Directory.Exists(Path.Combine(dir, "site", "index.html")));
    }

    [Fact]
    public void AnUnknownOrMistypedParameterIsOneLineAndExitCode2()
    {
        var (code, _, stderr) = Repo.Course([], "run", "00-setup", "--quick", "--param", "lr=0.1");
        AssertOneLine(code, stderr, "parameter 'lr' is not declared");
        (code, _, stderr) = Repo.Course([], "run", "00-setup", "--quick", "--param", "seed=many");
        AssertOneLine(code, stderr, "parameter 'seed' is int; 'many' is not a valid int");
    }

    [Fact]
    public void AnOutputFolderThatIsTheNotebooksFolderOrInsideAFileIsRefused()
    {
        var link = Path.Combine(Directory.CreateTempSubdirectory("out-link-").FullName, "site");
        Directory.CreateSymbolicLink(link, Repo.PathOf("notebooks"));
        var (code, _, stderr) = Repo.Course([], "run", "00-setup", "--quick", "--out", link);
        AssertOneLine(code, stderr, "executed copies never go next to their sources");
        var file = Path.GetTempFileName();
        (code, _, stderr) = Repo.Course([], "run", "00-setup", "--quick", "--out", Path.Combine(file, "site"));
        AssertOneLine(code, stderr, "which is a file");
    }

    [Fact]
    public void ASecondRunIntoAFolderInUseIsRefused()
    {
        var site = Directory.CreateTempSubdirectory("out-busy-").FullName;
        var lockFile = Path.Combine(site, ".course-run.lock");
        File.WriteAllText(lockFile, "");
        // flock(1) takes the same system lock a running ./course run holds on the file.
        using var holder = System.Diagnostics.Process.Start("flock", [lockFile, "sleep", "60"])!;
        try
        {
            Thread.Sleep(500);
            var (code, _, stderr) = Repo.Course([], "run", "00-setup", "--quick", "--out", site);
            AssertOneLine(code, stderr, "is in use by another ./course run: wait for it to finish or choose another --out");
            Assert.False(File.Exists(Path.Combine(site, "index.html")));
        }
        finally
        {
            holder.Kill();
        }
    }

    private static void AssertOneLine(int code, string stderr, string expected)
    {
        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("course: ", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, code);
        var line = Assert.Single(lines);
        Assert.StartsWith("course run: ", line);
        Assert.Contains(expected, line);
        Assert.DoesNotContain("   at ", stderr);
    }
}
