using System.Diagnostics;
using System.Text.RegularExpressions;
using Depth.Notebooks.Apps;

namespace Depth.Notebooks.Tests;

/// <summary>
/// The app route: each lesson's app (<c>./course app apps/NN-name.cs --quick --param seed=1</c>) exits 0 and prints
/// the very claim lines — statement, measured values, bounds — that the notebook's quick run in the kernel prints
/// (the run <see cref="QuickRuns"/> shares with <see cref="CourseNotebookTests"/>), and writes one chart file per
/// chart the notebook shows. Builds each app (about 20 s cold) and runs the course once more; in the course notebooks'
/// collection, so no two lessons run at once.
/// </summary>
[Collection(nameof(CourseNotebooks))]
public partial class AppRouteTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(20);

    public static TheoryData<string> Notebooks() => new(CourseNotebookTests.Names());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task AppInQuickModePrintsTheNotebooksClaimsAndWritesItsCharts(string notebook)
    {
        var root = Fixture.RepoRoot();
        if (!File.Exists(Path.Combine(root, "notebooks", notebook))) Assert.Skip("notebooks/ holds no notebooks yet");
        var name = Path.GetFileNameWithoutExtension(notebook);
        var output = Directory.CreateTempSubdirectory("app-route-").FullName;
        try
        {
            var app = await CourseApp(root, name, "--quick", "--param", "seed=1", "--out", output);
            Assert.True(app.ExitCode == 0, $"{name}: exit code {app.ExitCode}\n{Tail(app.Stdout + app.Stderr)}");
            var kernel = await QuickRuns.Of(notebook);
            Assert.True(kernel.Succeeded, $"{notebook} failed in the kernel: {kernel.Errors.FirstOrDefault()?.Message}");
            var kernelOnly = string.Concat(kernel.Executed.Cells.Where(c => c.Tags.Contains(AppGenerator.KernelOnlyTag)).Select(c => c.Source));
            var expected = Execution.Claims.Lines(kernel.Executed).Where(l => !kernelOnly.Contains($"\"{Id(l)}\"", StringComparison.Ordinal)).ToList();
            var actual = ClaimLines(app.Stdout);
            Assert.DoesNotContain(actual, l => l.StartsWith("✗ ", StringComparison.Ordinal));
            Assert.NotEmpty(actual);
            Assert.Equal(expected, actual);
            var charts = Directory.GetFiles(output, "chart-*.html").Length;
            var shown = kernel.Executed.Cells.SelectMany(c => c.Outputs)
                .Count(o => o?["data"]?["text/html"]?.ToJsonString().Contains("Plotly.newPlot") == true);
            Assert.Equal(shown, charts);
            if (!name.StartsWith("00-", StringComparison.Ordinal)) Assert.True(charts >= 2, $"{name}: {charts} chart files");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [Fact]
    public async Task UnknownOrUnparsableParametersEndTheAppWithExitCode2()
    {
        var root = Fixture.RepoRoot();
        var unknown = await CourseApp(root, "00-setup", "--param", "nosuch=1");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("00-setup: parameter 'nosuch' is not declared in the parameters cell (declared: quick, seed)", unknown.Stderr);
        var unparsable = await CourseApp(root, "00-setup", "--quick", "--param", "seed=one");
        Assert.Equal(2, unparsable.ExitCode);
        Assert.Contains("00-setup: parameter 'seed' is int; 'one' is not a valid int", unparsable.Stderr);
    }

    /// <summary>The ✓/✗ lines of a run's text, in order.</summary>
    public static List<string> ClaimLines(string text) =>
        text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.StartsWith("✓ ", StringComparison.Ordinal) || l.StartsWith("✗ ", StringComparison.Ordinal)).ToList();

    private static string Id(string claimLine) => ClaimId().Match(claimLine) is { Success: true } m ? m.Groups[1].Value : "";

    [GeneratedRegex(@"^[✓✗] \[([^\]]+)\]")]
    private static partial Regex ClaimId();

    private static string Tail(string text) => string.Join("\n", text.Split('\n').TakeLast(30));

    private sealed record Run(int ExitCode, string Stdout, string Stderr);

    // ./course app apps/<name>.cs <args>: builds the app and starts it as a learner would.
    private static async Task<Run> CourseApp(string root, string name, params string[] args)
    {
        var start = new ProcessStartInfo("sh") { WorkingDirectory = root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(root, "course"), "app", $"apps/{name}.cs" }.Concat(args)) start.ArgumentList.Add(a);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(Timeout);
        try { await process.WaitForExitAsync(timeout.Token); }
        catch (OperationCanceledException) { process.Kill(entireProcessTree: true); throw; }
        return new Run(process.ExitCode, await stdout, await stderr);
    }
}
