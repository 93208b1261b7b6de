using System.Text.RegularExpressions;
using Depth.Notebooks.Execution;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

/// <summary>Every notebook in notebooks/ runs in quick mode with every claim true, and is committed clean.</summary>
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

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task RunsInQuickModeWithEveryClaimTrue(string notebook)
    {
        if (notebook == None) Assert.Skip("notebooks/ holds no notebooks yet");
        var result = await QuickRuns.Of(notebook);
        Assert.True(result.Errors.Count == 0, result.Errors.FirstOrDefault()?.Message);
        Assert.Equal(0, result.ClaimsFailed);
        // Every lesson checks at least three claims in code, and every lesson but the setup draws two charts: text/html
        // outputs of the real kernel holding a plotly.js call.
        Assert.True(result.ClaimsPassed >= 3, $"{notebook}: only {result.ClaimsPassed} claims checked");
        var charts = result.Executed.Cells.SelectMany(c => c.Outputs)
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
        Assert.Equal(".net-csharp", (string?)nb.Metadata["kernelspec"]?["name"]);
        Assert.Equal("C#", (string?)nb.Metadata["kernelspec"]?["language"]);
        Assert.Equal("polyglot-notebook", (string?)nb.Metadata["language_info"]?["name"]);
        Assert.Equal("csharp", (string?)nb.Metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]);
        Assert.All(nb.Cells.Where(c => c.IsCode), c => Assert.Equal("csharp", (string?)c.Metadata["polyglot_notebook"]?["kernelName"]));
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
