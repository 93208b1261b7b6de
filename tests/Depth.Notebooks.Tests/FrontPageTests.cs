using System.Text.Json.Nodes;
using AngleSharp.Html.Parser;
using Depth.Notebooks.Model;
using Depth.Notebooks.Site;

namespace Depth.Notebooks.Tests;

/// <summary>
/// The front page read without a browser: the course's words, the lessons with promises and the
/// reference machine's times (and the README's, from the same file), the chart thumbnails, and
/// the record of quick and full runs in runs.json.
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
    public void TimesAreTheReferenceMachinesAndUnknownOnesSaySo()
    {
        var plain = Index().QuerySelectorAll("ol.toc li.lesson");
        Assert.All(plain, l => Assert.Equal("quick: not measured yetfull: not measured yet",
                                            l.QuerySelector(".times")!.TextContent));
        Assert.Null(Index().QuerySelector(".times-note"));

        var dir = Directory.CreateTempSubdirectory("depth-front-").FullName;
        try
        {
            var name = site.Runs[0].Name;
            var times = new LessonTimes("2-core test CPU", "abc1234", new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero),
                new Dictionary<string, double> { [name] = 9.6 }, new Dictionary<string, double> { [name] = 125 });
            SiteBuilder.Build(site.Runs, dir, times);
            var lessons = Index(dir).QuerySelectorAll("ol.toc li.lesson");
            Assert.Equal("quick: 10 s", lessons[0].QuerySelector(".times .quick")!.TextContent);
            Assert.Equal("full: 2 min 05 s", lessons[0].QuerySelector(".times .full")!.TextContent);
            Assert.Equal("quick: not measured yet", lessons[1].QuerySelector(".times .quick")!.TextContent);
            Assert.Equal("Times: median wall time of each lesson run alone on 2-core test CPU, measured 2026-12-06 "
                         + "at abc1234 by bench/lesson-times.py.", Index(dir).QuerySelector(".times-note")!.TextContent);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Theory]
    [InlineData(null, "not measured yet")]
    [InlineData(0.2, "1 s")]
    [InlineData(9.6, "10 s")]
    [InlineData(59.4, "59 s")]
    [InlineData(59.5, "1 min 00 s")]
    [InlineData(125.0, "2 min 05 s")]
    [InlineData(3725.0, "62 min 05 s")]
    public void ATimeReadsInSecondsThenMinutes(double? seconds, string text) =>
        Assert.Equal(text, LessonTimes.Format(seconds));

    [Fact]
    public void LessonTimesReadsTheScriptsFileAndNamesABrokenOne()
    {
        var root = Directory.CreateTempSubdirectory("depth-times-").FullName;
        try
        {
            Assert.Same(LessonTimes.None, LessonTimes.Read(root));
            var path = Path.Combine(root, LessonTimes.RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, """
                {"machine": "m", "commit": "c", "measured": "2026-12-06T10:00Z",
                 "lessons": [{"name": "01-a", "quick": {"median": 9.6, "min": 9, "max": 10, "n": 3},
                              "full": {"median": 125, "min": 125, "max": 125, "n": 1}},
                             {"name": "02-b", "quick": {"median": 3, "min": 3, "max": 3, "n": 3}, "full": null}]}
                """);
            var times = LessonTimes.Read(root);
            Assert.Equal(("m", "c"), (times.Machine, times.Commit));
            Assert.Equal(new DateTimeOffset(2026, 12, 6, 10, 0, 0, TimeSpan.Zero), times.Measured);
            Assert.Equal(("10 s", "2 min 05 s"), (times.QuickOf("01-a"), times.FullOf("01-a")));
            Assert.Equal(("3 s", "not measured yet"), (times.QuickOf("02-b"), times.FullOf("02-b")));
            File.WriteAllText(path, """{"machine": "m", "lessons": [{"quick": {"median": 1}}]}""");
            var e = Assert.Throws<InvalidDataException>(() => LessonTimes.Read(root));
            Assert.Contains(path, e.Message);
            Assert.Contains("a lesson has no \"name\"", e.Message);
            File.WriteAllText(path, "{ not json");
            Assert.Contains(path, Assert.Throws<InvalidDataException>(() => LessonTimes.Read(root)).Message);
        }
        finally { Directory.Delete(root, recursive: true); }
    }

    [Fact]
    public void TheReadmeShowsTheCommittedTimesOfEveryLesson()
    {
        var root = Fixture.RepoRoot();
        var times = LessonTimes.Read(root);
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var table = readme.Split("<!-- lesson-times:begin -->")[1].Split("<!-- lesson-times:end -->")[0];
        var rows = table.Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal))
            .Select(l => l.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToArray())
            .Where(c => c[1].StartsWith('`')).ToDictionary(c => c[1].Trim('`'), c => (Quick: c[^2], Full: c[^1]));
        var lessons = Directory.GetFiles(Path.Combine(root, "notebooks"), "*.ipynb")
            .Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(lessons, rows.Keys.Order(StringComparer.Ordinal));
        Assert.All(lessons, name => Assert.Equal((times.QuickOf(name!), times.FullOf(name!)), rows[name!]));
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
            Assert.True(Record(dir)["Quick"]!.GetValue<bool>());
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
