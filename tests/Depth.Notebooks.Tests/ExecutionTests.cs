using System.Diagnostics;
using System.Text.Json.Nodes;
using Depth.Notebooks.Execution;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

/// <summary>The engine drives the real .NET Interactive kernel (the dotnet tool VS Code starts): each test starts one.</summary>
public class ExecutionTests
{
    private static string Text(JsonNode? node) => node is JsonArray a ? string.Concat(a.Select(l => (string?)l)) : (string?)node ?? "";

    private static JsonObject Output(NotebookResult result, int cell, int output = 0) =>
        (JsonObject)result.Executed.Cells[cell].Outputs[output]!;

    [Fact]
    public async Task StateCarriesAcrossCellsAndOutputsAreSavedAsTheFrontEndsSaveThem()
    {
        var path = Fixture.TempNotebook("state",
            "var greeting = \"hi\";\nConsole.WriteLine(greeting);\nConsole.Write(\"a\"); Console.WriteLine(\"b\");",
            "display(greeting.Length);\ngreeting + \"!\"",
            "var h = display(1, \"text/plain\");\nh.Update(2);",
            "Console.Error.WriteLine(\"warn\");\nint n = 3;");
        var result = await Engine.Run(path);
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        Assert.Equal("1.0.712001", result.KernelVersion);
        var stream = Output(result, 0);
        Assert.Equal("stream", (string?)stream["output_type"]);
        Assert.Equal("hi\nab\n", Text(stream["text"]));
        Assert.Equal("display_data", (string?)Output(result, 1, 0)["output_type"]);
        var trailing = Output(result, 1, 1);
        Assert.Equal("execute_result", (string?)trailing["output_type"]);
        Assert.Equal(2, (int?)trailing["execution_count"]);
        Assert.Equal("hi!", Text(trailing["data"]!["text/plain"]));
        Assert.Equal("2", Text(Output(result, 2)["data"]!["text/plain"]));   // updated in place
        Assert.Single(result.Executed.Cells[2].Outputs);
        Assert.Equal("stderr", (string?)Output(result, 3)["name"]);
        Assert.Single(result.Executed.Cells[3].Outputs);                      // a statement ending in ';' has no result
        Assert.Equal([1, 2, 3, 4], result.Executed.Cells.Select(c => c.ExecutionCount ?? 0));
        Assert.All(result.Executed.Cells, c => Assert.NotNull(c.Metadata["execution"]?["shell.execute_reply"]));
    }

    [Fact]
    public async Task ProgressReportsEachCellAndTheLinesALongCellPrints()
    {
        var path = Fixture.TempNotebook("progress",
            "int x = 1;",
            "Console.WriteLine(\"step 1 of 2\");\nawait Task.Delay(200);\nConsole.WriteLine(\"step 2 of 2\");\nConsole.Error.WriteLine(\"warning\");");
        var reports = new List<CellProgress>();
        var result = await Engine.Run(path, progress: new Collect(reports));
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        Assert.Equal([(1, null), (2, null), (2, "step 1 of 2"), (2, "step 2 of 2")], reports.Select(r => (r.Cell, r.Output)));
        Assert.All(reports, r => Assert.Equal(2, r.CellCount));
    }

    private sealed class Collect(List<CellProgress> into) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) { lock (into) into.Add(value); }
    }

    [Fact]
    public async Task AnExceptionIsAnErrorOutputWithNotebookAndCellAndStopsTheRun_AllowErrorsGoesOn()
    {
        var before = File.ReadAllText(Fixture.Path("failing.ipynb"));
        var result = await Engine.Run(Fixture.Path("failing.ipynb"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("notebook failing.ipynb, cell 3: System.InvalidOperationException: boom <b> [code cell 2 of 3]", error.Message);
        var output = Output(result, 2);
        Assert.Equal("error", (string?)output["output_type"]);
        Assert.Equal("System.InvalidOperationException", (string?)output["ename"]);
        Assert.StartsWith("System.InvalidOperationException: boom <b>", (string?)output["evalue"]);
        Assert.Null(result.Executed.Cells[3].ExecutionCount);      // not run after the failure
        Assert.False(result.Succeeded);
        Assert.Equal(before, File.ReadAllText(Fixture.Path("failing.ipynb")));   // the source is never written

        var allowed = await Engine.Run(Fixture.Path("failing.ipynb"), new RunOptions(AllowErrors: true));
        Assert.Single(allowed.Errors);
        Assert.Equal(3, allowed.Executed.Cells[3].ExecutionCount);
        Assert.False(allowed.Succeeded);
    }

    [Fact]
    public async Task ACompilationErrorNamesTheLine()
    {
        var path = Fixture.TempNotebook("compile", "var a = 1;\n\nvar b = undefinedName;");
        var error = Assert.Single((await Engine.Run(path)).Errors);
        Assert.StartsWith("notebook compile.ipynb, cell 1, line 3: (3,9): error CS0103", error.Message);
    }

    [Fact]
    public async Task ANotebookWrittenForVSCodeRunsUnchanged()
    {
        var result = await Engine.Run(Fixture.Path("kernel-style.ipynb"), new RunOptions(Quick: true));
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        Assert.Equal("A notebook written for VS Code", result.Title);
        var cells = result.Executed.Cells;
        var injected = cells[2];
        Assert.Contains(Parameters.InjectedTag, injected.Tags);
        Assert.Equal("bool quick = true;", injected.Source.Split('\n')[1]);
        Assert.Equal("steps = 3, label = full\n", Text(((JsonObject)cells[3].Outputs[0]!)["text"]));
        Assert.Equal("display_data", (string?)cells[3].Outputs[1]!["output_type"]);
        Assert.Equal("<b>v3</b>", Text(cells[4].Outputs[0]!["data"]!["text/html"]));            // Formatter.Register
        Assert.Contains("<table>", Text(cells[5].Outputs[0]!["data"]!["text/html"]));           // .Display() as a table
        var timed = cells[6].Outputs.Select(o => o!.ToJsonString()).ToList();                    // #!time
        Assert.Contains(timed, o => o.Contains("Wall time:"));
    }

    [Fact]
    public async Task ParametersAreInjectedWithTheirDeclaredTypesAndBadOnesFailBeforeTheKernelStarts()
    {
        var result = await Engine.Run(Fixture.Path("kernel-style.ipynb"),
            new RunOptions(Parameters: new Dictionary<string, string> { ["epochs"] = "2", ["label"] = "say \"hi\"" }));
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        Assert.Equal("steps = 2, label = say \"hi\"\n", Text(((JsonObject)result.Executed.Cells[3].Outputs[0]!)["text"]));

        var undeclared = await Assert.ThrowsAsync<ArgumentException>(() =>
            Engine.Run(Fixture.Path("kernel-style.ipynb"), new RunOptions(Parameters: new Dictionary<string, string> { ["lr"] = "0.1" })));
        Assert.Contains("'lr' is not declared", undeclared.Message);
        var mistyped = await Assert.ThrowsAsync<ArgumentException>(() =>
            Engine.Run(Fixture.Path("kernel-style.ipynb"), new RunOptions(Parameters: new Dictionary<string, string> { ["epochs"] = "many" })));
        Assert.Contains("'epochs' is int", mistyped.Message);
    }

    [Fact]
    public void DeclaredParametersResolveVarFromTheLiteral()
    {
        var declared = Parameters.Declared("var quick = false;\nvar lr = 1e-3;\nint epochs = 5;\nvar n = -2L;\nvar f = 0.5f;\nvar s = \"x\";");
        Assert.Equal(new Dictionary<string, string> { ["quick"] = "bool", ["lr"] = "double", ["epochs"] = "int", ["n"] = "long", ["f"] = "float", ["s"] = "string" }, declared);
        Assert.Equal("0.001d", Parameters.Literal("double", "0.001"));
        Assert.Equal("\"a\\\\b\"", Parameters.Literal("string", "a\\b"));
    }

    [Fact]
    public async Task ClaimsAreTheClaimDataTheCellsDisplayNotLinesThatLookLikeClaims()
    {
        // What Depth.Claim displays in the kernel, next to its printed line.
        static string Show(bool holds, string text) =>
            "@\"" + ($$"""{"id": "00.a", "holds": {{(holds ? "true" : "false")}}, "statement": "s", "detail": null, """
                     + $$"""  "bounds": [{"name": "v", "value": "NaN", "op": ">", "threshold": 1, "margin": "NaN"}], "text": "{{text}}"}""")
                    .Replace("\"", "\"\"", StringComparison.Ordinal)
                   + $"\".DisplayAs(\"{Claims.MimeType}\");";
        var path = Fixture.TempNotebook("claims",
            "Console.WriteLine(\"✓ a printed line alone\"); Console.WriteLine(\"✗ is not a claim\");\n"
            + Show(true, "✓ a") + "\n" + Show(false, "✗ b — 1 ≥ 0") + "\n\"✓ a displayed value is not a claim\"");
        var result = await Engine.Run(path);
        Assert.Equal((1, 1), (result.ClaimsPassed, result.ClaimsFailed));
        Assert.Equal(["✓ a", "✗ b — 1 ≥ 0"], Claims.Lines(result.Executed));
        var claim = Claims.Read(result.Executed)[1];
        Assert.Equal(("00.a", false, "v", ">", 1.0), (claim.Id, claim.Holds, claim.Bounds[0].Name, claim.Bounds[0].Op, claim.Bounds[0].Threshold));
        Assert.True(double.IsNaN(claim.Bounds[0].Value));
        // nbformat keeps a JSON MIME type as JSON in the executed copy.
        Assert.IsType<JsonObject>(Output(result, 0, 1)["data"]![Claims.MimeType]);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task ACellThatNeverReturnsStopsAtTheTimeoutAndKeepsTheCellsBeforeIt()
    {
        // 30 s: the first cell of a fresh kernel compiles for a few seconds (longer on a busy machine).
        var path = Fixture.TempNotebook("loop", "Console.WriteLine(\"before\");", "while (true) { }", "Console.WriteLine(\"after\");");
        var result = await Engine.Run(path, new RunOptions(CellTimeout: TimeSpan.FromSeconds(30)));
        Assert.Equal(RunStop.Timeout, result.Stop);
        Assert.NotNull(result.Interrupted);
        Assert.Matches(@"^notebook loop\.ipynb, cell 2: stopped: the cell ran \d+(\.\d)? s without finishing \(cell timeout 30 s\)", result.Interrupted);
        Assert.Equal("before\n", Text(Output(result, 0)["text"]));
        Assert.Equal("error", (string?)Output(result, 1)["output_type"]);
        Assert.Null(result.Executed.Cells[2].ExecutionCount);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task MegabytesOfPrintedTextAreCapturedAndCutWithANote()
    {
        var path = Fixture.TempNotebook("big", "for (int i = 0; i < 400; i++) Console.WriteLine(new string('x', 9_999));");   // 4 MB
        var result = await Engine.Run(path);
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        var outputs = result.Executed.Cells[0].Outputs;
        Assert.Equal(CellOutputs.DefaultTextLimit, Text(outputs[0]!["text"]).Length);
        Assert.Contains("output truncated — 3,737,856 of 4,000,000 printed characters cut", Text(outputs[^1]!["text"]));
    }

    [Fact]
    public void CellOutputsKeepTheLimitAcrossWritesAndStreams()
    {
        var outputs = new CellOutputs(textLimit: 10);
        outputs.AppendStream("stdout", "12345");
        outputs.AppendStream("stderr", "678");
        outputs.AppendStream("stdout", "9abcdef");
        var json = outputs.ToJson(1);
        Assert.Equal(["12345", "678", "9a"], json.Take(3).Select(o => Text(o!["text"])));
        Assert.Equal(5, outputs.TextCut);
        Assert.Contains("5 of 15 printed characters cut", Text(json[3]!["text"]));
    }

    [Theory]
    [InlineData("(3,9): error CS0103: The name 'x' does not exist", 3)]
    [InlineData("System.Exception: boom\n   at Submission#4.<<Initialize>>d__0.MoveNext() in /tmp/x.cs:line 7", 7)]
    [InlineData("System.Exception: boom\n   at Submission#2.<<Initialize>>d__0.MoveNext()", null)]
    public void TheFailingLineComesFromTheKernelsMessage(string failure, int? line) => Assert.Equal(line, NotebookRunner.LineOf(failure));
}
