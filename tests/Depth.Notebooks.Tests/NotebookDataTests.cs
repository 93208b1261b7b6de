using System.Text.Json.Nodes;
using Depth.Notebooks.Execution;
using Depth.Notebooks.Model;
using Depth.Notebooks.Site;

namespace Depth.Notebooks.Tests;

/// <summary>What the engine learns from an executed notebook it reads as data, without a kernel: claims, the
/// parameters it injected, and whether a run succeeded.</summary>
public sealed class NotebookDataTests
{
    private static Notebook Empty() => Notebook.Parse("""{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");

    private static JsonObject ClaimJson(bool holds, string text) => new()
    {
        ["id"] = "01.x", ["holds"] = holds, ["statement"] = "x", ["detail"] = null,
        ["bounds"] = new JsonArray(new JsonObject { ["name"] = "v", ["value"] = 2.5, ["op"] = "<", ["threshold"] = 3, ["margin"] = "Infinity" }),
        ["text"] = text,
    };

    [Fact]
    public void ClaimsReadTheSameStoredAsJsonOrAsTheStringJupyterKeeps()
    {
        var notebook = Empty();
        var cell = NotebookCell.NewCode("Claim.Less(...)");
        cell.Outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "✓ x\n✗ y\n" });
        cell.Outputs.Add(new JsonObject { ["output_type"] = "display_data", ["data"] = new JsonObject { [Claims.MimeType] = ClaimJson(true, "✓ x") } });
        cell.Outputs.Add(new JsonObject { ["output_type"] = "display_data",
            ["data"] = new JsonObject { [Claims.MimeType] = ClaimJson(false, "✗ y").ToJsonString(), ["text/plain"] = "" } });
        cell.Outputs.Add(new JsonObject { ["output_type"] = "execute_result", ["data"] = new JsonObject { ["text/plain"] = "✓ x" } });
        notebook.InsertCell(0, cell);
        Assert.Equal((1, 1), Claims.Count(notebook));
        Assert.Equal(["✓ x", "✗ y"], Claims.Lines(notebook));
        var bound = Claims.Read(notebook)[0].Bounds.Single();
        Assert.Equal(("v", 2.5, "<", 3.0), (bound.Name, bound.Value, bound.Op, bound.Threshold));
        Assert.Equal(double.PositiveInfinity, bound.Margin);
        Assert.Throws<FormatException>(() => Claims.Parse(new JsonObject { ["holds"] = "yes" }));
    }

    [Fact]
    public void InjectedParametersAreRecordedAsDataAndStrippedWithTheirCell()
    {
        var notebook = Empty();
        notebook.InsertCell(0, NotebookCell.NewCode("var quick = false;\nint epochs = 5;\nvar lr = 0.1;\nvar name = \"a\";", Parameters.Tag));
        Assert.False(Parameters.IsQuick(notebook));
        var overrides = new Dictionary<string, string> { ["epochs"] = "7", ["lr"] = "1e-3", ["name"] = "b \"c\"" };
        Assert.Equal(1, Parameters.Inject(notebook, quick: true, overrides, "t"));
        var injected = Parameters.Injected(notebook);
        Assert.Equal("""{"quick":true,"epochs":7,"lr":0.001,"name":"b \u0022c\u0022"}""", injected.ToJsonString());
        Assert.True(Parameters.IsQuick(notebook));
        Assert.True(LessonFacts.Of(notebook).Quick);
        NotebookHygiene.Strip(notebook);
        Assert.False(Parameters.IsQuick(notebook));
        Assert.Single(notebook.Cells);

        var explicitFull = Empty();
        explicitFull.InsertCell(0, NotebookCell.NewCode("var quick = false;", Parameters.Tag));
        Parameters.Inject(explicitFull, quick: true, new Dictionary<string, string> { ["quick"] = "false" }, "t");
        Assert.False(Parameters.IsQuick(explicitFull));
    }

    [Fact]
    public void ARunSucceedsOnlyWithoutFailedCellsFailedClaimsOrAStopAndTheSiteSaysTheSame()
    {
        var failedCell = new NotebookException("n.ipynb", 2, null, "boom");
        NotebookResult Result(int claimsFailed = 0, IReadOnlyList<NotebookException>? errors = null, string? interrupted = null) =>
            new("n", "N", Empty(), TimeSpan.FromSeconds(1), 3, claimsFailed, errors ?? [], interrupted);
        var cases = new[]
        {
            (Result(), true),
            (Result(claimsFailed: 1), false),
            (Result(errors: [failedCell]), false),           // with --allow-errors too: the cells ran, one failed
            (Result(interrupted: "stopped"), false),
        };
        foreach (var (result, succeeded) in cases)
        {
            Assert.Equal(succeeded, result.Succeeded);
            var run = NotebookRun.Of(result, "/x/n.ipynb");
            Assert.Equal(succeeded, run.Succeeded);
            Assert.Equal(result.Errors.Count, run.FailedCells);
        }
        Assert.Equal("stopped", NotebookRun.Of(Result(errors: [failedCell], interrupted: "stopped"), "").Error);
        Assert.Equal(failedCell.Message, NotebookRun.Of(Result(errors: [failedCell]), "").Error);
        Assert.False(NotebookRun.NotStarted("n", "no kernel").Succeeded);
    }
}
