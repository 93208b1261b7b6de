using System.Text.Json.Nodes;
using Depth.Notebooks.Model;
using Depth.Notebooks.Site;

namespace Depth.Notebooks.Tests;

/// <summary>The site's small parts on their own: escaping, durations, notebook reading, markdown, outputs.</summary>
public sealed class SitePartsTests
{
    private static readonly HashSet<string> Lessons = ["01-signal", "02-errors"];

    [Fact]
    public void EscapeCoversEveryCharacterThatCanBreakOutOfTextOrAttributes() =>
        Assert.Equal("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;", Html.Escape("<a href=\"x\" title='y'>&</a>"));

    [Theory]
    [InlineData(420, "0.42 s")]
    [InlineData(12_345, "12.3 s")]
    [InlineData(125_000, "2 min 05 s")]
    [InlineData(3_720_000, "1 h 02 min")]
    public void DurationsReadLikeABook(int milliseconds, string expected) =>
        Assert.Equal(expected, Html.Duration(TimeSpan.FromMilliseconds(milliseconds)));

    [Fact]
    public void ReadsStringAndArraySourcesOutputsAndCellTimes()
    {
        var path = Path.Combine(Path.GetTempPath(), $"depth-nb-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(path, """
            {"cells":[
              {"cell_type":"markdown","metadata":{},"source":"# T"},
              {"cell_type":"code","execution_count":1,"metadata":{"tags":["parameters"],
                "execution":{"iopub.execute_input":"2025-01-01T00:00:00.5Z","shell.execute_reply":"2025-01-01T00:00:02Z"}},
               "source":["var a = 1;\n","a"],
               "outputs":[{"output_type":"execute_result","execution_count":1,"metadata":{},"data":{"text/plain":["1"]}},
                          {"output_type":"stream","name":"stderr","text":"oops\n"}]}],
             "metadata":{},"nbformat":4,"nbformat_minor":5}
            """);
        try
        {
            var cells = SiteBuilder.ReadExecuted(path).Cells;
            Assert.Equal(["markdown", "code"], cells.Select(c => c.CellType));
            Assert.Equal("var a = 1;\na", cells[1].Source);
            Assert.Equal(["parameters"], cells[1].Tags);
            Assert.Equal(TimeSpan.FromSeconds(1.5), cells[1].Duration);
            Assert.Null(cells[0].Duration);
            var outputs = cells[1].OutputViews;
            Assert.Equal("1", outputs[0].Data("text/plain"));
            Assert.Null(outputs[0].Data("text/html"));
            Assert.Equal(("stderr", "oops\n"), (outputs[1].StreamName, outputs[1].StreamText));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void ANotebookThatIsNotJsonIsNamedInTheError()
    {
        var path = Path.Combine(Path.GetTempPath(), $"depth-bad-{Guid.NewGuid():N}.ipynb");
        File.WriteAllText(path, "{ not json");
        try
        {
            var e = Assert.Throws<InvalidDataException>(() => SiteBuilder.ReadExecuted(path));
            Assert.Contains(path, e.Message, StringComparison.Ordinal);
            Assert.Throws<FileNotFoundException>(() => SiteBuilder.ReadExecuted(path + ".missing"));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void LessonLinksKeepTheirFragmentAndOtherLinksStay()
    {
        var html = MarkdownCell.ToHtml("[a](02-errors.ipynb#claims) [b](other.ipynb) [c](https://example.org/01-signal.ipynb)", Lessons);
        Assert.Contains("href=\"02-errors.html#claims\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"other.ipynb\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"https://example.org/01-signal.ipynb\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void MathBecomesSpansKatexCanFindAndMediaLinksAreNotEmbedded()
    {
        var html = MarkdownCell.ToHtml("$a<b$ and ![v](https://www.youtube.com/watch?v=x)\n\n$$\nx^2\n$$", Lessons);
        Assert.Contains("<span class=\"math\">\\(a&lt;b\\)</span>", html, StringComparison.Ordinal);
        Assert.Contains("<div class=\"math\">", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<iframe", html, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputsPreferRichMimeTypesAndEscapePlainText()
    {
        static NotebookOutput Data(params (string, string)[] d) => new(new JsonObject
        {
            ["output_type"] = "display_data",
            ["data"] = new JsonObject(d.Select(x => KeyValuePair.Create(x.Item1, (JsonNode?)NotebookCell.SplitLines(x.Item2)))),
        });
        Assert.Equal("<div class=\"output rich\"><b>x</b></div>\n",
                     OutputHtml.Render(Data(("text/plain", "x"), ("text/html", "<b>x</b>")), Lessons));
        Assert.Equal("<div class=\"output plain\"><pre>&lt;b&gt;</pre></div>\n", OutputHtml.Render(Data(("text/plain", "<b>")), Lessons));
        Assert.Contains("src=\"data:image/png;base64,iVBORw0KGgo=\"", OutputHtml.Render(Data(("image/png", "iVBORw0K\nGgo=\n")), Lessons), StringComparison.Ordinal);
        var stream = new NotebookOutput(new JsonObject { ["output_type"] = "stream", ["name"] = "stdout", ["text"] = "\u001b[32m<ok>\u001b[0m\n" });
        Assert.Equal("<pre class=\"output stream stdout\">&lt;ok&gt;\n</pre>\n", OutputHtml.Render(stream, Lessons));
        // A claim's data is for the engine: its printed line already shows it, so the page shows nothing more.
        var claim = Data(("text/plain", ""));
        claim.Json["data"]![Execution.Claims.MimeType] = new JsonObject { ["holds"] = true };
        Assert.Equal("", OutputHtml.Render(claim, Lessons));
        Assert.NotEqual("", OutputHtml.Render(Data(("text/plain", "")), Lessons));
    }
}
