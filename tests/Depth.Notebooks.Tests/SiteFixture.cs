using System.Text.Json.Nodes;
using Depth.Notebooks.Site;
using Plotly.NET;
using Microsoft.FSharp.Core;

namespace Depth.Notebooks.Tests;

/// <summary>
/// Executed notebooks written the way the .NET Interactive kernel (and our engine) saves them, and the site
/// <see cref="SiteBuilder"/> builds from them, in a temporary folder deleted afterwards.
/// </summary>
public sealed class SiteFixture : IDisposable
{
    /// <summary>Text/plain of an execute_result that must reach the page as text, never as markup.</summary>
    public const string ScriptText = "<script>window.__pwned = true;</script> & 1 < 2";

    /// <summary>The course's question, as the first lesson's <c>metadata.course.question</c> holds
    /// it.</summary>
    public const string Question = "Why do deeper networks get worse, & how do we train them?";

    /// <summary>A code line of exactly the longest allowed length: the lesson page must show it
    /// without scrolling.</summary>
    public static readonly string LongestLine =
        "var widest = \"" + new string('w', Model.CellHygiene.MaxLineLength - 16) + "\";";

    /// <summary>An error value with markup-like text.</summary>
    public const string ErrorValue = "Sequence <contains> no elements";

    public string OutDir { get; }
    public IReadOnlyList<NotebookRun> Runs { get; }

    /// <summary>Per lesson name: how many Plotly charts its outputs hold (counted from the fixture, not typed in).</summary>
    public IReadOnlyDictionary<string, int> ChartCounts { get; }

    public SiteFixture()
    {
        OutDir = Path.Combine(Path.GetTempPath(), "depth-site-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(OutDir);
        var lessons = new (string Name, string Title, JsonObject Notebook, TimeSpan Elapsed, string? Error)[]
        {
            ("01-signal", "Signal & noise: 1 < 2", SignalLesson(), TimeSpan.FromMilliseconds(12_345), null),
            ("02-errors", "Errors", ErrorLesson(), TimeSpan.FromSeconds(75),
             $"cell 3: System.InvalidOperationException: {ErrorValue}"),
        };
        var runs = new List<NotebookRun>();
        var charts = new Dictionary<string, int>();
        foreach (var (name, title, notebook, elapsed, error) in lessons)
        {
            var path = Path.Combine(OutDir, name + ".ipynb");
            File.WriteAllText(path, notebook.ToJsonString());
            var (passed, failed) = Execution.Claims.Count(Model.Notebook.Parse(notebook.ToJsonString()));
            runs.Add(new NotebookRun(name, title, path, elapsed, passed, failed, error is null && failed == 0, error));
            charts[name] = CountCharts(notebook);
        }
        Runs = runs;
        ChartCounts = charts;
        SiteBuilder.Build(Runs, OutDir);
    }

    public void Dispose()
    {
        try { Directory.Delete(OutDir, recursive: true); } catch (IOException) { }
    }

    /// <summary>A chart's text/html exactly as the engine makes it: no plotly.js reference, a div plus a newPlot script.</summary>
    public static string ChartHtml(double[] x, double[] y, string name)
    {
        var chart = Plotly.NET.CSharp.Chart.Line<double, double, string>(x, y, Name: name);
        // F# optional arguments: C# passes every one (None = null) and names the reference.
        var options = DisplayOptions.init(null, null, null, null, null, null,
                                          PlotlyJSReference: FSharpOption<PlotlyJSReference>.Some(PlotlyJSReference.NoReference));
        return GenericChart.toChartHTML(GenericChart.addDisplayOptions(options, chart));
    }

    private static JsonObject SignalLesson()
    {
        var depth = Enumerable.Range(1, 20).Select(d => (double)d).ToArray();
        var variance = depth.Select(d => Math.Pow(0.9, d)).ToArray();
        var course = new JsonObject
        {
            ["promise"] = "See the variance <shrink> layer by layer.",
            ["question"] = Question,
            ["outcomes"] = new JsonArray("predict a fixed point;", "train 10 layers."),
        };
        return Notebook(course,
            Markdown("# Signal & noise: 1 < 2\n\nThe variance map $q' = \\sigma_w^2 \\mathbb{E}[\\phi(\\sqrt{q}\\, z)^2] + \\sigma_b^2$ "
                   + "has a fixed point $q^*$.\n\n$$\n\\chi_1 = \\sigma_w^2 \\int \\mathcal{D}z\\, \\phi'(\\sqrt{q^*} z)^2\n$$\n\n"
                   + "| depth | trainable |\n|---:|---|\n| 10 | yes |\n| 10000 | with care |\n\nNext: [the errors lesson](02-errors.ipynb)."),
            Code("var quick = false;\nvar depth = 20;", ["parameters"]),
            Code("Chart.Line(depth, variance)", Chart("execute_result", depth, variance, "variance")),
            Code("Console.WriteLine(\"depth 10 done\");\n\"<script>window.__pwned = true;</script> & 1 < 2\"",
                 Stream("stdout", "depth 10 done\n"), Display("execute_result", ("text/plain", ScriptText))),
            Code(LongestLine + "\nvar narrow = 1;"),
            Code("Claim.That(\"variance stays finite\", variance.All(double.IsFinite))",
                 Stream("stdout", "✓ variance stays finite\n"), ClaimData(true, "variance stays finite"),
                 Display("execute_result", ("text/html", "<div class=\"claim pass\">✓ variance stays finite</div>"), ("text/plain", "✓ variance stays finite"))));
    }

    private static JsonObject ErrorLesson()
    {
        var x = new[] { 0.0, 1, 2, 3 };
        return Notebook(new JsonObject { ["promise"] = "Read an error & keep going." },
            Markdown("# Errors\n\nBack to [the first lesson](01-signal.ipynb). Inline math $e^{i\\pi} + 1 = 0$."),
            Code("Chart.Point(x, x)", Chart("display_data", x, x.Select(v => v * v).ToArray(), "square")),
            Code("Claim.That(\"loss decreases\", final < initial)",
                 Stream("stderr", "warning: learning rate is large\n"),
                 Stream("stdout", "✗ loss decreases — final 2.3 > initial 2.1\n"), ClaimData(false, "loss decreases", "final 2.3 > initial 2.1"),
                 Display("execute_result", ("text/html", "<div class=\"claim fail\">✗ loss decreases — final 2.3 &gt; initial 2.1</div>"),
                         ("text/plain", "✗ loss decreases — final 2.3 > initial 2.1"))),
            Code("new int[0].First()",
                 Error("System.InvalidOperationException", ErrorValue,
                       [$"\u001b[31mSystem.InvalidOperationException: {ErrorValue}\u001b[0m", "   at Submission#3.<Initialize>()"])));
    }

    private static int CountCharts(JsonObject notebook) =>
        Outputs(notebook).Count(o => Text(o["data"]?["text/html"])?.Contains("Plotly.newPlot", StringComparison.Ordinal) == true);

    /// <summary>An nbformat multiline string (a string or an array of lines), or null.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue v => v.GetValue<string>(),
        _ => null,
    };

    private static IEnumerable<JsonObject> Outputs(JsonObject notebook) =>
        notebook["cells"]!.AsArray().OfType<JsonObject>()
            .SelectMany(c => c["outputs"]?.AsArray().OfType<JsonObject>() ?? []);

    private static JsonObject Notebook(params JsonObject[] cells) =>
        Notebook(new JsonObject(), cells);

    private static JsonObject Notebook(JsonObject course, params JsonObject[] cells) => new()
    {
        ["cells"] = new JsonArray(cells),
        ["metadata"] = new JsonObject
        {
            ["course"] = course,
            ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" },
            ["language_info"] = new JsonObject { ["name"] = "polyglot-notebook" },
        },
        ["nbformat"] = 4,
        ["nbformat_minor"] = 5,
    };

    /// <summary>nbformat's multiline form: one string per line, each but the last keeping its "\n".</summary>
    private static JsonArray Lines(string text)
    {
        var lines = text.Split('\n');
        return new([.. lines.Select((l, i) => (JsonNode?)JsonValue.Create(i < lines.Length - 1 ? l + "\n" : l))]);
    }

    private static JsonObject Markdown(string source) => new()
    {
        ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = Lines(source),
    };

    private static JsonObject Code(string source, params JsonObject[] outputs) => Code(source, [], outputs);

    private static JsonObject Code(string source, string[] tags, params JsonObject[] outputs) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = 1,
        ["metadata"] = new JsonObject
        {
            ["tags"] = new JsonArray([.. tags.Select(t => (JsonNode?)JsonValue.Create(t))]),
            ["execution"] = new JsonObject
            {
                ["iopub.execute_input"] = "2025-01-01T10:00:00.000Z",
                ["shell.execute_reply"] = "2025-01-01T10:00:01.250Z",
            },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        },
        ["source"] = Lines(source),
        ["outputs"] = new JsonArray([.. outputs]),
    };

    private static JsonObject Display(string type, params (string Mime, string Content)[] data)
    {
        var d = new JsonObject();
        foreach (var (mime, content) in data) d[mime] = Lines(content);
        var o = new JsonObject { ["output_type"] = type, ["data"] = d, ["metadata"] = new JsonObject() };
        if (type == "execute_result") o["execution_count"] = 1;
        return o;
    }

    /// <summary>A chart's display as the library makes it: its HTML, and its plotly.js JSON as data.</summary>
    private static JsonObject Chart(string type, double[] x, double[] y, string name)
    {
        var o = Display(type, ("text/html", ChartHtml(x, y, name)));
        o["data"]![ChartPreview.MimeType] = new JsonObject
        {
            ["data"] = new JsonArray(new JsonObject
            {
                ["type"] = "scatter", ["name"] = name, ["hovertemplate"] = "%{x}",
                ["x"] = new JsonArray([.. x.Select(v => (JsonNode?)v)]), ["y"] = new JsonArray([.. y.Select(v => (JsonNode?)v)]),
            }),
            ["layout"] = new JsonObject { ["title"] = new JsonObject { ["text"] = name }, ["xaxis"] = new JsonObject { ["type"] = "linear" } },
        };
        return o;
    }

    /// <summary>A claim's data as the library displays it next to its printed line (and an empty text/plain).</summary>
    private static JsonObject ClaimData(bool holds, string statement, string? detail = null)
    {
        var o = Display("display_data", ("text/plain", ""));
        o["data"]![Execution.Claims.MimeType] = new JsonObject
        {
            ["id"] = null, ["holds"] = holds, ["statement"] = statement, ["detail"] = detail, ["bounds"] = new JsonArray(),
            ["text"] = (holds ? "✓ " : "✗ ") + statement + (detail is null ? "" : (holds ? $" ({detail})" : $" — {detail}")),
        };
        return o;
    }

    private static JsonObject Stream(string name, string text) => new()
    {
        ["output_type"] = "stream", ["name"] = name, ["text"] = Lines(text),
    };

    private static JsonObject Error(string ename, string evalue, string[] traceback) => new()
    {
        ["output_type"] = "error", ["ename"] = ename, ["evalue"] = evalue,
        ["traceback"] = new JsonArray([.. traceback.Select(t => (JsonNode?)JsonValue.Create(t))]),
    };
}
