using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using Depth.Notebooks.Site;

namespace Depth.Notebooks.Tests;

/// <summary>The generated site read without a browser: structure, escaping, links, the index's numbers.</summary>
public sealed class SiteTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private IDocument Page(string file) =>
        new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(site.OutDir, file)));

    private IEnumerable<string> PageFiles() =>
        Directory.GetFiles(site.OutDir, "*.html").Select(Path.GetFileName).OfType<string>();

    [Fact]
    public void WritesIndexAndOnePagePerNotebook()
    {
        var expected = site.Runs.Select(r => r.Name + ".html").Append("index.html").Order(StringComparer.Ordinal);
        Assert.Equal(expected, PageFiles().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void IndexListsEveryRunWithTimeAndClaimCounts()
    {
        var doc = Page("index.html");
        var rows = doc.QuerySelectorAll("table.lessons tbody tr");
        Assert.Equal(site.Runs.Count, rows.Length);
        for (var i = 0; i < site.Runs.Count; i++)
        {
            var run = site.Runs[i];
            var row = rows[i];
            Assert.Equal(run.Name, row.GetAttribute("data-name"));
            var link = row.QuerySelector("td.title a")!;
            Assert.Equal(run.Title, link.TextContent);
            Assert.Equal(run.Name + ".html", link.GetAttribute("href"));
            Assert.Equal(((long)run.Elapsed.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), row.GetAttribute("data-elapsed-ms"));
            Assert.Equal(Html.Duration(run.Elapsed), row.QuerySelector("td.elapsed")!.TextContent);
            Assert.Equal(run.ClaimsPassed.ToString(CultureInfo.InvariantCulture), row.QuerySelector("td.claims-passed")!.TextContent);
            Assert.Equal(run.ClaimsFailed.ToString(CultureInfo.InvariantCulture), row.QuerySelector("td.claims-failed")!.TextContent);
            Assert.Equal(run.Succeeded ? "ok" : "failed", row.ClassName);
            if (run.Error is not null) Assert.Contains(run.Error, row.QuerySelector("td.status")!.TextContent, StringComparison.Ordinal);
        }
        var overall = doc.QuerySelector("p.overall")!;
        var anyFailed = site.Runs.Any(r => !r.Succeeded);
        Assert.True(anyFailed, "the fixture must contain a failed run so the overall status is exercised");
        Assert.Contains("failed", overall.ClassList);
        Assert.Contains($"{site.Runs.Count(r => !r.Succeeded)} of {site.Runs.Count}", overall.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void ClaimCountsFollowTheAgreedRule()
    {
        // The fixture counts claims from their data outputs; one lesson holds a passing claim, the other a failing one.
        Assert.Equal(1, site.Runs[0].ClaimsPassed);
        Assert.Equal(1, site.Runs[1].ClaimsFailed);
        var first = Page(site.Runs[0].Name + ".html");
        Assert.Equal(site.Runs[0].ClaimsPassed, first.QuerySelectorAll(".claim.pass").Length);
        var second = Page(site.Runs[1].Name + ".html");
        Assert.Equal(site.Runs[1].ClaimsFailed, second.QuerySelectorAll(".claim.fail").Length);
    }

    [Fact]
    public void EveryLocalLinkResolvesAndNothingPointsToTheNetwork()
    {
        foreach (var file in PageFiles())
        {
            var doc = Page(file);
            var refs = doc.QuerySelectorAll("[href], [src]")
                .Select(e => e.GetAttribute("href") ?? e.GetAttribute("src") ?? "")
                .ToList();
            Assert.NotEmpty(refs);
            foreach (var url in refs)
            {
                Assert.False(url.Contains("//", StringComparison.Ordinal) || url.StartsWith('/'),
                    $"{file}: '{url}' is not a relative link (the site must open from file:// without a network)");
                if (url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith('#')) continue;
                var path = Uri.UnescapeDataString(url.Split('#')[0]);
                Assert.True(File.Exists(Path.Combine(site.OutDir, path)), $"{file}: link '{url}' points to a missing file");
            }
        }
    }

    [Fact]
    public void PrevNextNavigationFollowsReadingOrder()
    {
        for (var i = 0; i < site.Runs.Count; i++)
        {
            var doc = Page(site.Runs[i].Name + ".html");
            var prev = doc.QuerySelector(".pager a.prev");
            var next = doc.QuerySelector(".pager a.next");
            Assert.Equal(i > 0 ? site.Runs[i - 1].Name + ".html" : null, prev?.GetAttribute("href"));
            Assert.Equal(i + 1 < site.Runs.Count ? site.Runs[i + 1].Name + ".html" : null, next?.GetAttribute("href"));
            if (prev is not null) Assert.Contains(site.Runs[i - 1].Title, prev.TextContent, StringComparison.Ordinal);
            Assert.NotNull(doc.QuerySelector(".topbar a[href='index.html']"));
        }
    }

    [Fact]
    public void TextOutputsTitlesAndErrorsAreEscaped()
    {
        var first = Page(site.Runs[0].Name + ".html");
        Assert.Contains(first.QuerySelectorAll(".output.plain pre"), e => e.TextContent.Contains(SiteFixture.ScriptText, StringComparison.Ordinal));
        Assert.DoesNotContain(first.Scripts, s => s.TextContent.Contains("__pwned", StringComparison.Ordinal));
        Assert.StartsWith(site.Runs[0].Title, first.Title, StringComparison.Ordinal);
        Assert.Contains(first.QuerySelectorAll("pre.output.stdout"), e => e.TextContent == "depth 10 done\n");

        var second = Page(site.Runs[1].Name + ".html");
        var error = Assert.Single(second.QuerySelectorAll(".output.error"));
        Assert.Equal($"System.InvalidOperationException: {SiteFixture.ErrorValue}", error.QuerySelector(".error-head")!.TextContent);
        Assert.Contains("at Submission#3.<Initialize>()", error.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', error.TextContent);
        Assert.Equal(site.Runs[1].Error, second.QuerySelector("pre.run-error")!.TextContent);
        Assert.Single(second.QuerySelectorAll("pre.output.stderr"));
    }

    [Fact]
    public void MarkdownHasMathTablesAndLessonLinks()
    {
        var doc = Page(site.Runs[0].Name + ".html");
        var inline = doc.QuerySelectorAll("span.math");
        Assert.Equal(2, inline.Length); // $q' = …$ and $q^*$ in the fixture's markdown
        Assert.All(inline, m => Assert.StartsWith("\\(", m.TextContent, StringComparison.Ordinal));
        var display = Assert.Single(doc.QuerySelectorAll("div.math"));
        Assert.Contains("\\[", display.TextContent, StringComparison.Ordinal);
        Assert.Contains("\\chi_1", display.TextContent, StringComparison.Ordinal);
        Assert.Equal(3, doc.QuerySelectorAll(".cell.markdown table tr").Length);
        Assert.NotNull(doc.QuerySelector($".cell.markdown a[href='{site.Runs[1].Name}.html']"));
        Assert.Equal(site.Runs[0].Title, doc.QuerySelector(".cell.markdown h1")!.TextContent);
    }

    [Fact]
    public void CodeCellsCarrySourceTagsTimesAndChartScripts()
    {
        var doc = Page(site.Runs[0].Name + ".html");
        var sources = doc.QuerySelectorAll("pre.source code.language-csharp").Select(c => c.TextContent).ToList();
        Assert.Contains("var quick = false;\nvar depth = 20;", sources);
        Assert.Contains(doc.QuerySelectorAll(".cell-meta .tag"), t => t.TextContent == "parameters");
        Assert.Contains(doc.QuerySelectorAll(".cell-meta .time"), t => t.TextContent == Html.Duration(TimeSpan.FromMilliseconds(1250)));
        var chartScripts = doc.Scripts.Count(s => s.TextContent.Contains("Plotly.newPlot", StringComparison.Ordinal));
        Assert.Equal(site.ChartCounts[site.Runs[0].Name], chartScripts);
        // plotly.js is loaded in <head>, before any chart script runs.
        Assert.Contains(doc.Head!.QuerySelectorAll("script[src]"), s => s.GetAttribute("src") == "assets/plotly.min.js");
        Assert.DoesNotContain("cdn.plot.ly", doc.Source.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AssetsAreLocalAndCarryTheirLicences()
    {
        var assets = Path.Combine(site.OutDir, "assets");
        using (var reader = new StreamReader(Path.Combine(assets, "plotly.min.js")))
        {
            var head = new char[200];
            var n = reader.ReadBlock(head);
            Assert.Contains("plotly.js v2.28.0", new string(head, 0, n), StringComparison.Ordinal);
        }
        foreach (var file in new[] { "plotly.min.js.LICENSE.txt", "katex/katex.min.js", "katex/katex.min.css", "katex/LICENSE",
                                     "katex/contrib/auto-render.min.js", "katex/fonts/KaTeX_Main-Regular.woff2",
                                     "highlight/highlight.min.js", "highlight/github.min.css", "highlight/LICENSE", "site.css", "site.js" })
            Assert.True(File.Exists(Path.Combine(assets, file)), $"assets/{file} missing");
        Assert.Empty(Directory.GetFiles(site.OutDir, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void RebuildingOverwritesAtomicallyAndLeavesNoTemporaryFiles()
    {
        var dir = Path.Combine(Path.GetTempPath(), "depth-site-rebuild-" + Guid.NewGuid().ToString("N"));
        try
        {
            var runs = site.Runs.Select(r => r with { Elapsed = r.Elapsed + TimeSpan.FromMinutes(2) }).ToList();
            SiteBuilder.Build(site.Runs, dir);
            SiteBuilder.Build(runs, dir);
            var index = File.ReadAllText(Path.Combine(dir, "index.html"));
            Assert.Contains(Html.Duration(runs[0].Elapsed), index, StringComparison.Ordinal);
            Assert.DoesNotContain(Html.Duration(site.Runs[0].Elapsed), index, StringComparison.Ordinal);
            Assert.Empty(Directory.GetFiles(dir, "*.tmp", SearchOption.AllDirectories));
            // The executed notebook lives in the fixture folder: the page links to it by a relative path.
            var page = new HtmlParser().ParseDocument(File.ReadAllText(Path.Combine(dir, runs[0].Name + ".html")));
            var href = page.QuerySelector(".run-info a.notebook")!.GetAttribute("href")!;
            Assert.StartsWith("../", href, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.GetFullPath(Path.Combine(dir, Uri.UnescapeDataString(href)))));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }

    [Theory]
    [InlineData("index")]
    [InlineData("../escape")]
    [InlineData("")]
    [InlineData("assets")]
    public void RejectsNamesThatAreNotPlainPageNames(string name)
    {
        var run = site.Runs[0] with { Name = name };
        var e = Assert.Throws<ArgumentException>(() => SiteBuilder.Build([run], Path.Combine(site.OutDir, "rejected")));
        Assert.Contains($"'{name}'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsDuplicateNamesAndMissingNotebooks()
    {
        var dir = Path.Combine(site.OutDir, "rejected");
        var dup = Assert.Throws<ArgumentException>(() => SiteBuilder.Build([site.Runs[0], site.Runs[0] with { Name = site.Runs[0].Name.ToUpperInvariant() }], dir));
        Assert.Contains("twice", dup.Message, StringComparison.Ordinal);
        var missing = site.Runs[0] with { ExecutedPath = Path.Combine(site.OutDir, "nope.ipynb") };
        var e = Assert.Throws<FileNotFoundException>(() => SiteBuilder.Build([missing], dir));
        Assert.Contains("nope.ipynb", e.Message, StringComparison.Ordinal);
    }
}
