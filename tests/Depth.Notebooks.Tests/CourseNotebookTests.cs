using System.Text.RegularExpressions;
using Depth.Notebooks.Execution;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

/// <summary>Every notebook in notebooks/ runs in quick mode with every claim true, and is committed clean.</summary>
[Collection(nameof(CourseNotebooks))]
public class CourseNotebookTests
{
    private const string None = "(no notebooks yet)";

    /// <summary>notebooks/*.ipynb file names in reading order (a single sentinel while the folder is empty).</summary>
    public static IReadOnlyList<string> Names()
    {
        var folder = Path.Combine(Fixture.RepoRoot(), "notebooks");
        var names = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb").Select(p => Path.GetFileName(p)!).Order(StringComparer.Ordinal).ToList() : [];
        return names.Count == 0 ? [None] : names;
    }

    /// <summary>notebooks/*.ipynb by name; a single sentinel row (skipped) while the folder is empty.</summary>
    public static TheoryData<string> Notebooks() => new(Names());

    /// <summary>Each lesson in quick mode, seed as committed, through two routes: the engine (the kernel over stdio, as
    /// the Polyglot extension starts it) and Jupyter's own client with the kernelspec <c>./course build</c> registered
    /// (as VS Code's Jupyter extension and JupyterLab start it). Both: no failed cell, every claim ✓, at least three
    /// claims and (but for the setup lesson) two charts; the Jupyter route opens no TCP port but its ZeroMQ ones on
    /// loopback; and the routes print the same claim lines, values included.</summary>
    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task RunsInQuickModeThroughTheKernelAndJupyterWithTheSameClaims(string notebook)
    {
        if (notebook == None) Assert.Skip("notebooks/ holds no notebooks yet");
        var path = Path.Combine(Fixture.RepoRoot(), "notebooks", notebook);
        var options = new RunOptions(Quick: true);
        var result = await QuickRuns.Of(notebook);
        Assert.True(result.Errors.Count == 0, result.Errors.FirstOrDefault()?.Message);
        var claims = Claims.Lines(result.Executed);
        AssertLesson(notebook, result.Executed, claims);

        var jupyter = await JupyterRoute.RunAsync(path, options, TestContext.Current.CancellationToken);
        Assert.True(jupyter.ExitCode == 0, $"{notebook} through Jupyter: {jupyter.Report["error"]}");
        Assert.Equal(NotebookHygiene.KernelspecName, (string?)jupyter.Report["kernel"]);
        var argv = jupyter.Report["spec"]!["argv"]!.AsArray().Select(a => (string?)a).ToArray();
        Assert.Equal([Path.Combine(Fixture.RepoRoot(), "course"), "kernel", "{connection_file}"], argv);
        var listening = jupyter.Report["listening"]!.AsArray().Select(a => (string?)a).ToArray();
        Assert.Equal(jupyter.Report["connection"]!.AsArray().Select(a => (string?)a).ToArray(), listening);
        Assert.All(listening, a => Assert.StartsWith("127.0.0.1:", a));
        AssertLesson(notebook, jupyter.Executed, Claims.Lines(jupyter.Executed));
        Assert.Equal(claims, Claims.Lines(jupyter.Executed));
    }

    /// <summary>Every claim ✓, at least three of them, and every lesson but the setup draws two charts: text/html
    /// outputs holding a plotly.js call.</summary>
    private static void AssertLesson(string notebook, Notebook executed, IReadOnlyList<string> claims)
    {
        Assert.All(claims, c => Assert.StartsWith("✓ ", c));
        Assert.True(claims.Count >= 3, $"{notebook}: only {claims.Count} claims checked");
        var charts = executed.Cells.SelectMany(c => c.Outputs)
            .Count(o => o?["data"]?["text/html"]?.ToJsonString().Contains("Plotly.newPlot") == true);
        if (!notebook.StartsWith("00-", StringComparison.Ordinal))
            Assert.True(charts >= 2, $"{notebook}: {charts} charts rendered");
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void HasAParametersCellWithQuickAndSeed(string notebook)
    {
        if (notebook == None) Assert.Skip("notebooks/ holds no notebooks yet");
        var nb = Notebook.Load(Path.Combine(Fixture.RepoRoot(), "notebooks", notebook));
        var parameters = Assert.Single(nb.Cells, c => c.IsCode && c.Tags.Contains("parameters"));
        Assert.Contains("var quick = false;", parameters.Source);
        Assert.Contains("#r \"../lib/Depth/bin/Release/net10.0/Depth.dll\"", nb.Cells.First(c => c.IsCode).Source);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void IsCommittedWithoutOutputsAndWithThePolyglotMetadata(string notebook)
    {
        if (notebook == None) Assert.Skip("notebooks/ holds no notebooks yet");
        var nb = Notebook.Load(Path.Combine(Fixture.RepoRoot(), "notebooks", notebook));
        Assert.Empty(NotebookHygiene.Problems(nb));
        Assert.Equal(NotebookHygiene.KernelspecName, (string?)nb.Metadata["kernelspec"]?["name"]);
        Assert.Equal("C#", (string?)nb.Metadata["kernelspec"]?["language"]);
        Assert.Equal("polyglot-notebook", (string?)nb.Metadata["language_info"]?["name"]);
        Assert.Equal("csharp", (string?)nb.Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]);
        Assert.All(nb.Cells.Where(c => c.IsCode), c => Assert.Equal("csharp", (string?)c.Metadata["polyglot_notebook"]?["kernelName"]));
    }

    /// <summary>What <c>./course run</c> counts against the cores when lessons run side by side
    /// (<c>metadata.course.threads</c>, and <c>quickThreads</c> in quick mode) is what the lesson asks libtorch for:
    /// <c>TorchThreads.Use(n)</c> or <c>TorchThreads.Use(quick ? q : n)</c>.</summary>
    [Theory]
    [MemberData(nameof(Notebooks))]
    public void DeclaresTheTorchThreadsItUses(string notebook)
    {
        if (notebook == None) Assert.Skip("notebooks/ holds no notebooks yet");
        var path = Path.Combine(Fixture.RepoRoot(), "notebooks", notebook);
        var code = string.Join("\n", Notebook.Load(path).Cells.Where(c => c.IsCode).Select(c => c.Source));
        var calls = Regex.Matches(code, @"TorchThreads\.Use\((?:quick \? (?<quick>\d+) : )?(?<full>\d+)\)");
        int Used(bool quick) => calls.Select(m => int.Parse(m.Groups[quick && m.Groups["quick"].Success ? "quick" : "full"].Value))
            .DefaultIfEmpty(1).Max();
        Assert.Equal(Used(quick: false), JobScheduler.ThreadsOf(path, quick: false));
        Assert.Equal(Used(quick: true), JobScheduler.ThreadsOf(path, quick: true));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EveryClaimHasAUniqueIdOfItsLesson(string notebook)
    {
        if (notebook == None) Assert.Skip("notebooks/ holds no notebooks yet");
        var nb = Notebook.Load(Path.Combine(Fixture.RepoRoot(), "notebooks", notebook));
        var code = string.Join("\n", nb.Cells.Where(c => c.IsCode).Select(c => c.Source));
        var calls = Regex.Matches(code, @"Claim\.(That|Less|Greater|Close|Between|All|Finite)\(\s*(""(?<id>[^""]*)"")?");
        Assert.NotEmpty(calls);
        var ids = calls.Select(m => m.Groups["id"].Success ? m.Groups["id"].Value : "(none)").ToList();
        Assert.All(ids, id => Assert.StartsWith(notebook[..2] + ".", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }
}

/// <summary>The tests that run whole lessons (each route of each lesson): one after another, never two at once — a
/// lesson's libtorch threads are chosen for the cores it has to itself.</summary>
[CollectionDefinition(nameof(CourseNotebooks))]
public sealed class CourseNotebooks;
