using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Depth.Notebooks.Model;
using Depth.Notebooks.Site;

namespace Depth.Notebooks.Tests;

/// <summary>
/// The front page read without a browser: the course's words, the lessons with promises and
/// measured times, the chart thumbnails, and the record of quick and full times in runs.json.
/// </summary>
public sealed class FrontPageTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private AngleSharp.Dom.IDocument Index(string? dir = null) =>
        new HtmlParser().ParseDocument(
            File.ReadAllText(Path.Combine(dir ?? site.OutDir, "index.html")));

    private static JsonNode Record(string dir) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(dir, "runs.json")))!.AsArray().Single()!;

    [Fact]
    public void OpensWithTheQuestionAndOutcomesThenTheLessonsThenTheReport()
    {
        var doc = Index();
        Assert.Equal(SiteFixture.Question, doc.QuerySelector(".cover .question")!.TextContent);
        Assert.Equal(["predict a fixed point;", "train 10 layers."],
                     doc.QuerySelectorAll(".outcomes li").Select(li => li.TextContent));
        var sections = doc.QuerySelectorAll("main > *").Select(e => e.ClassName).ToList();
        Assert.Equal(["cover", "outcomes", "contents", "report"], sections);
        var lessons = doc.QuerySelectorAll("ol.toc li.lesson");
        Assert.Equal(site.Runs.Select(r => r.Name),
                     lessons.Select(l => l.GetAttribute("data-name")));
        Assert.Equal(["See the variance <shrink> layer by layer.", "Read an error & keep going."],
                     lessons.Select(l => l.QuerySelector(".promise")!.TextContent));
        Assert.All(lessons, l => Assert.NotNull(l.QuerySelector(".preview script.preview-figure")));
    }

    [Fact]
    public void TimesAreTheMeasuredOnesAndUnknownOnesSaySo()
    {
        // The fixture's runs are full-length (no injected quick = true): the passing one has a full
        // time only, the failed one has neither (a failed run's time is not a lesson's time).
        var lessons = Index().QuerySelectorAll("ol.toc li.lesson");
        string Time(int lesson, string which) =>
            lessons[lesson].QuerySelector($".times .{which}")!.TextContent;
        Assert.Equal("quick: not measured yet", Time(0, "quick"));
        Assert.Equal($"full: {Math.Round(site.Runs[0].Elapsed.TotalSeconds)} s", Time(0, "full"));
        Assert.Equal("full: not measured yet", Time(1, "full"));
    }

    [Fact]
    public void RunsJsonKeepsTheLastQuickAndTheLastFullTime()
    {
        var dir = Directory.CreateTempSubdirectory("depth-front-").FullName;
        try
        {
            var quickRun = site.Runs[0] with { Quick = true, Elapsed = TimeSpan.FromSeconds(9.6) };
            SiteBuilder.Build([quickRun], dir);
            SiteBuilder.Build([site.Runs[0] with { Elapsed = TimeSpan.FromSeconds(125) }], dir);
            var lesson = Index(dir).QuerySelector("ol.toc li.lesson")!;
            Assert.Equal("quick: 10 s", lesson.QuerySelector(".times .quick")!.TextContent);
            Assert.Equal("full: 2 min 05 s", lesson.QuerySelector(".times .full")!.TextContent);
            var record = Record(dir);
            Assert.False(record["Quick"]!.GetValue<bool>());
            Assert.Equal("00:00:09.6000000", record["LastQuick"]!.GetValue<string>());
            Assert.Equal("00:02:05", record["LastFull"]!.GetValue<string>());
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void AQuickRunIsRecognisedByTheParametersTheEngineInjected()
    {
        var dir = Directory.CreateTempSubdirectory("depth-front-").FullName;
        try
        {
            var executed = Notebook.Parse(File.ReadAllText(site.Runs[0].ExecutedPath));
            // Text that merely reads like quick mode is not quick mode: only the engine's record is.
            var lookalike = executed.Clone();
            lookalike.InsertCell(1, Model.NotebookCell.NewCode("var quick = true;", Execution.Parameters.InjectedTag));
            Assert.False(LessonFacts.Of(lookalike).Quick);
            Assert.NotEqual(-1, Execution.Parameters.Inject(executed, quick: true, new Dictionary<string, string>(), "quick"));
            Assert.True(LessonFacts.Of(executed).Quick);
            var path = Path.Combine(dir, "quick.ipynb");
            executed.Save(path);
            SiteBuilder.Build([site.Runs[0] with { Name = "quick", ExecutedPath = path }], dir);
            var record = Record(dir);
            Assert.True(record["Quick"]!.GetValue<bool>());
            Assert.Null(record["LastFull"]);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void ThePreviewIsTheFirstChartThinnedAndStripped()
    {
        var x = Enumerable.Range(0, 10_000).Select(i => (double)i).ToArray();
        static JsonObject Chart(double[] x, string name) => new()
        {
            ["output_type"] = "display_data",
            ["data"] = new JsonObject
            {
                ["text/html"] = "<div>a chart</div>",
                // As the Jupyter route stores it: the kernel sends JSON MIME types as strings.
                [ChartPreview.MimeType] = new JsonObject
                {
                    ["data"] = new JsonArray(new JsonObject
                    {
                        ["name"] = name, ["hovertemplate"] = "%{y}",
                        ["x"] = new JsonArray([.. x.Select(v => (JsonNode?)v)]), ["y"] = new JsonArray([.. x.Select(v => (JsonNode?)v)]),
                    }),
                    ["layout"] = new JsonObject { ["title"] = new JsonObject { ["text"] = name } },
                }.ToJsonString(),
            },
        };
        var notebook = Notebook.Parse("""{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
        var cell = Model.NotebookCell.NewCode("Charts()");
        cell.Outputs.Add(new JsonObject { ["output_type"] = "display_data", ["data"] = new JsonObject { ["text/html"] = "<p>no chart</p>" } });
        cell.Outputs.Add(Chart(x, "</script><b>x</b>"));
        cell.Outputs.Add(Chart([1.0], "second"));
        notebook.InsertCell(0, cell);
        var figure = LessonFacts.Of(notebook).Preview!;
        var trace = figure["data"]!.AsArray().Single()!;
        Assert.Equal("</script><b>x</b>", (string?)trace["name"]);
        Assert.Null(trace["hovertemplate"]);
        var kept = trace["x"]!.AsArray();
        Assert.InRange(kept.Count, 2, ChartPreview.MaxPoints + 1);
        Assert.Equal(9_999, kept[^1]!.GetValue<double>());
        Assert.Equal(kept.Count, trace["y"]!.AsArray().Count);
        Assert.Equal("skip", trace["hoverinfo"]!.GetValue<string>());
        var layout = figure["layout"]!.AsObject();
        Assert.False(layout.ContainsKey("title"));
        Assert.False(layout["showlegend"]!.GetValue<bool>());
        Assert.Equal(ChartPreview.Width, layout["width"]!.GetValue<int>());
        Assert.DoesNotContain("</script><b>", ChartPreview.Html(figure), StringComparison.Ordinal);
        Assert.Null(ChartPreview.Thumbnail(new JsonObject { ["data"] = new JsonArray() }));
        // A chart's HTML alone is not read: the thumbnail comes from data, not from markup.
        notebook.Cells[0].Outputs.RemoveAt(2);
        notebook.Cells[0].Outputs.RemoveAt(1);
        notebook.Cells[0].Outputs.Add(new JsonObject { ["output_type"] = "display_data",
            ["data"] = new JsonObject { ["text/html"] = SiteFixture.ChartHtml([1.0], [2.0], "html only") } });
        Assert.Null(LessonFacts.Of(notebook).Preview);
    }

    [Fact]
    public void MarkingAnExecutedCopyKeepsTheLessonsOwnCourseMetadata()
    {
        var notebook = Notebook.Parse(
            """{"cells": [], "metadata": {"course": {"promise": "p"}}, "nbformat": 4}""");
        OutputFolder.MarkExecuted(notebook, "1.0.0");
        var course = notebook.Metadata["course"]!.AsObject();
        Assert.Equal("p", course["promise"]!.GetValue<string>());
        Assert.Equal("Microsoft.dotnet-interactive 1.0.0", course["kernel"]!.GetValue<string>());
        Assert.True(course.ContainsKey("executed"));
    }
}
