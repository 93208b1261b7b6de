using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Playwright;

namespace Depth.Notebooks.Tests;

/// <summary>
/// Opens the generated site in Debian's Chromium (driven by Playwright through <c>ExecutablePath</c>, never a
/// downloaded browser) with every non-<c>file://</c> request aborted, and checks that charts, math and code rendered
/// and the console stayed clean.
/// </summary>
public sealed class BrowserTests(SiteFixture site) : IClassFixture<SiteFixture>
{
    private const string DefaultChromium = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
        ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"];

    [Fact]
    public async Task SiteRendersOfflineInChromium()
    {
        if (Environment.GetEnvironmentVariable("COURSE_SKIP_BROWSER") == "1")
            Assert.Skip("COURSE_SKIP_BROWSER=1: the real-browser test of the site was skipped on request.");
        var chromium = Environment.GetEnvironmentVariable("COURSE_CHROMIUM") is { Length: > 0 } custom ? custom : DefaultChromium;
        Assert.True(File.Exists(chromium),
            $"Chromium not found at '{chromium}'. The site test needs Debian's browser: `apt-get install chromium` " +
            "(or set COURSE_CHROMIUM to another Chromium; COURSE_SKIP_BROWSER=1 skips this test).");

        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium, Headless = true, Args = ChromiumArgs,
        });
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var network = new ConcurrentQueue<string>();
        await context.RouteAsync("**/*", async route =>
        {
            if (IsLocal(route.Request.Url)) { await route.ContinueAsync(); return; }
            network.Enqueue(route.Request.Url);
            await route.AbortAsync("blockedbyclient");
        });

        // Every finding is collected, so one run reports all of them at once.
        var problems = new ConcurrentQueue<string>();
        var index = await OpenAsync(context, "index.html", problems, network);
        var rows = await index.Locator("table.lessons tbody tr").CountAsync();
        if (rows != site.Runs.Count) problems.Enqueue($"index.html: {rows} lesson rows, expected {site.Runs.Count}");
        await CheckFrontPageAsync(index, problems);
        if (!await index.EvaluateAsync<bool>("() => typeof Plotly === 'object' && Plotly.version === '2.28.0'"))
            problems.Enqueue("index.html: plotly.js 2.28.0 did not load from assets/plotly.min.js");
        await ScreenshotAsync(index, "-index");
        await index.CloseAsync();

        foreach (var run in site.Runs)
        {
            var file = run.Name + ".html";
            var page = await OpenAsync(context, file, problems, network);
            await CheckChartsAsync(page, file, site.ChartCounts[run.Name], problems);
            await CheckMathAsync(page, file, problems);
            await CheckCodeAsync(page, file, problems);
            await CheckCodeFitsAsync(page, file, problems);
            if (!await page.EvaluateAsync<bool>("() => window.__pwned === undefined"))
                problems.Enqueue($"{file}: an output's <script> text ran");
            if (run == site.Runs[0])
            {
                if (!(await page.InnerTextAsync("body")).Contains(SiteFixture.ScriptText, StringComparison.Ordinal))
                    problems.Enqueue($"{file}: the escaped text/plain output '{SiteFixture.ScriptText}' is not shown as text");
            }
            await ScreenshotAsync(page, run == site.Runs[0] ? "" : "-" + run.Name);
            await page.CloseAsync();
        }

        foreach (var url in network.Distinct()) problems.Enqueue($"the site asked the network for {url}");
        Assert.True(problems.Count == 0, "The site in Chromium:\n" + string.Join("\n", problems));
    }

    private async Task<IPage> OpenAsync(IBrowserContext context, string file, ConcurrentQueue<string> problems, ConcurrentQueue<string> network)
    {
        var page = await context.NewPageAsync();
        page.Console += (_, m) => { if (m.Type is "error") problems.Enqueue($"{file}: console error: {m.Text}"); };
        page.PageError += (_, e) => { problems.Enqueue($"{file}: page error: {e}"); };
        page.RequestFailed += (_, r) => { if (IsLocal(r.Url)) problems.Enqueue($"{file}: failed to load {r.Url}: {r.Failure}"); };
        page.Request += (_, r) => { if (!IsLocal(r.Url)) network.Enqueue(r.Url); };
        page.WebSocket += (_, ws) => network.Enqueue(ws.Url);
        var response = await page.GotoAsync(new Uri(Path.Combine(site.OutDir, file)).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });
        Assert.NotNull(response);
        return page;
    }

    /// <summary>Every chart of the page became a Plotly plot with an SVG holding its traces.</summary>
    private static async Task CheckChartsAsync(IPage page, string file, int expected, ConcurrentQueue<string> problems)
    {
        Assert.True(expected > 0, $"the fixture must give {file} a chart");
        const string Probe = """
            () => [...document.querySelectorAll('.js-plotly-plot')].map(d => ({
                svg: d.querySelector('svg.main-svg') !== null,
                traces: d.querySelectorAll('.scatterlayer .trace').length }))
            """;
        try
        {
            await page.WaitForFunctionAsync(
                $"n => {{ const c = ({Probe})(); return c.length === n && c.every(x => x.svg && x.traces > 0); }}",
                expected, new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            var state = JsonSerializer.Serialize(await page.EvaluateAsync<JsonElement>(Probe));
            problems.Enqueue($"{file}: expected {expected} rendered Plotly chart(s) with SVG traces, found {state}");
        }
    }

    /// <summary>Every Markdig math span became KaTeX, without parse errors, with KaTeX's own fonts loaded from disk.</summary>
    private static async Task CheckMathAsync(IPage page, string file, ConcurrentQueue<string> problems)
    {
        var math = await page.Locator(".math").CountAsync();
        Assert.True(math > 0, $"{file}: the fixture's math is missing from the page");
        var rendered = await page.Locator(".math:has(.katex)").CountAsync();
        if (rendered != math) problems.Enqueue($"{file}: KaTeX rendered {rendered} of {math} math elements");
        if (await page.Locator(".katex-error").CountAsync() is var errors and > 0) problems.Enqueue($"{file}: {errors} KaTeX error(s)");
        var fonts = await page.EvaluateAsync<int>("""
            async () => { await document.fonts.ready;
                return [...document.fonts].filter(f => f.family.replace(/"/g, '').startsWith('KaTeX') && f.status === 'loaded').length; }
            """);
        if (fonts == 0) problems.Enqueue($"{file}: no KaTeX font loaded from assets/katex/fonts");
    }

    /// <summary>Every code cell was highlighted by highlight.js.</summary>
    private static async Task CheckCodeAsync(IPage page, string file, ConcurrentQueue<string> problems)
    {
        var code = await page.Locator("pre.source code").CountAsync();
        Assert.True(code > 0, $"{file}: no code cells");
        var highlighted = await page.Locator("pre.source code.hljs").CountAsync();
        if (highlighted != code) problems.Enqueue($"{file}: highlight.js processed {highlighted} of {code} code cells");
        if (await page.Locator("pre.source code [class^='hljs-']").CountAsync() == 0) problems.Enqueue($"{file}: highlight.js marked no tokens");
    }

    /// <summary>The front page opens with the course's question and lists every lesson, in
    /// order, with a rendered (static) thumbnail of its first chart.</summary>
    private async Task CheckFrontPageAsync(IPage index, ConcurrentQueue<string> problems)
    {
        var question = await index.Locator(".cover .question").AllInnerTextsAsync();
        if (question.Count != 1 || question[0] != SiteFixture.Question)
            problems.Enqueue("index.html: the course's question is not shown "
                             + $"({JsonSerializer.Serialize(question)})");
        const string Names = "els => els.map(e => e.dataset.name)";
        var names = await index.Locator("ol.toc li.lesson").EvaluateAllAsync<string[]>(Names);
        if (!names.SequenceEqual(site.Runs.Select(r => r.Name)))
            problems.Enqueue($"index.html: lessons {JsonSerializer.Serialize(names)}, "
                             + "expected every lesson in order");
        try
        {
            await index.WaitForFunctionAsync(
                "n => document.querySelectorAll('ol.toc li.lesson .preview .main-svg').length >= n",
                site.Runs.Count, new() { Timeout = 20_000 });
        }
        catch (TimeoutException)
        {
            var drawn = await index.Locator("ol.toc li.lesson:has(.preview .main-svg)")
                .EvaluateAllAsync<string[]>(Names);
            problems.Enqueue("index.html: chart previews drawn for "
                             + $"{JsonSerializer.Serialize(drawn)} only");
        }
        var buttons = await index.Locator(".preview .modebar-container .modebar-btn").CountAsync();
        if (buttons > 0)
            problems.Enqueue($"index.html: the previews are interactive ({buttons} mode bar buttons)");
    }

    /// <summary>At the 1280-pixel viewport no code block needs horizontal scrolling (lines are at
    /// most 100 characters long, and the fixture has one of exactly 100).</summary>
    private static async Task CheckCodeFitsAsync(IPage page, string file,
                                                 ConcurrentQueue<string> problems)
    {
        var width = await page.EvaluateAsync<int>("() => window.innerWidth");
        if (width != 1280)
            problems.Enqueue($"{file}: viewport is {width} px wide, the check needs 1280");
        // highlight.js makes the <code> a block with its own overflow-x, so the box that scrolls
        // may be either one.
        const string Overflowing = """
            () => [...document.querySelectorAll('pre.source')].flatMap((pre, i) =>
                [pre, ...pre.querySelectorAll(':scope > code')].map(el => ({
                    block: i + 1, element: el.tagName.toLowerCase(),
                    scroll: el.scrollWidth, client: el.clientWidth,
                    first: pre.innerText.split('\n')[0].slice(0, 60) })))
                .filter(b => b.scroll > b.client)
            """;
        foreach (var b in (await page.EvaluateAsync<JsonElement>(Overflowing)).EnumerateArray())
        {
            string P(string name) => b.GetProperty(name).ToString();
            problems.Enqueue($"{file}: code block {P("block")} scrolls horizontally at 1280 px "
                             + $"(<{P("element")}> scrollWidth {P("scroll")} > clientWidth "
                             + $"{P("client")}; starts '{P("first")}')");
        }
    }

    /// <summary>Saves a full-page screenshot when COURSE_SITE_SCREENSHOT names a .png path (suffix added before the extension).</summary>
    private static async Task ScreenshotAsync(IPage page, string suffix)
    {
        if (Environment.GetEnvironmentVariable("COURSE_SITE_SCREENSHOT") is not { Length: > 0 } path) return;
        var target = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(path))!,
                                  Path.GetFileNameWithoutExtension(path) + suffix + Path.GetExtension(path));
        await page.ScreenshotAsync(new() { Path = target, FullPage = true });
    }

    private static bool IsLocal(string url) =>
        url.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || url.StartsWith("data:", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("blob:", StringComparison.OrdinalIgnoreCase) || url == "about:blank";
}
