using System.Text.Json.Nodes;
using Depth.Notebooks.Execution;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

public class ExecutionTests
{
    private static string Text(JsonNode? node) => node is JsonArray a ? string.Concat(a.Select(l => (string?)l)) : (string?)node ?? "";

    private static JsonObject Output(NotebookResult result, int cell, int output = 0) =>
        (JsonObject)result.Executed.Cells[cell].Outputs[output]!;

    [Fact]
    public async Task StateCarriesAcrossCellsAndOutputsAreSavedAsTheKernelSavesThem()
    {
        var path = Fixture.TempNotebook("state",
            "var greeting = \"hi\";\nConsole.WriteLine(greeting);\nConsole.Write(\"a\"); Console.WriteLine(\"b\");",
            "display(greeting.Length);\ngreeting + \"!\"",
            "var h = display(1);\nh.Update(2);",
            "Console.Error.WriteLine(\"warn\");\nint n = 3;");
        var result = await Engine.Run(path);
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        var stream = Output(result, 0);
        Assert.Equal("stream", (string?)stream["output_type"]);
        Assert.Equal("hi\nab\n", Text(stream["text"]));
        Assert.Equal("display_data", (string?)Output(result, 1, 0)["output_type"]);
        Assert.Equal("2", Text(Output(result, 1, 0)["data"]!["text/plain"]));
        var trailing = Output(result, 1, 1);
        Assert.Equal("execute_result", (string?)trailing["output_type"]);
        Assert.Equal(2, (int?)trailing["execution_count"]);
        Assert.Equal("hi!", Text(trailing["data"]!["text/plain"]));
        Assert.Equal("2", Text(Output(result, 2)["data"]!["text/plain"]));
        Assert.Equal("stderr", (string?)Output(result, 3)["name"]);
        Assert.Single(result.Executed.Cells[3].Outputs);   // a statement ending in ';' has no result
        Assert.Equal([1, 2, 3, 4], result.Executed.Cells.Select(c => c.ExecutionCount ?? 0));
        Assert.All(result.Executed.Cells, c => Assert.NotNull(c.Metadata["execution"]?["shell.execute_reply"]));
    }

    [Fact]
    public async Task ProgressReportsEachCellAndTheLinesALongCellPrints()
    {
        var path = Fixture.TempNotebook("progress",
            "int x = 1;",
            "Console.Write(\"step 1\"); Console.WriteLine(\" of 2\");\nConsole.WriteLine(\"step 2 of 2\\n\");\nConsole.Error.WriteLine(\"warning\");\nConsole.Write(\"no newline\");");
        var reports = new List<CellProgress>();
        var progress = new Collect(reports);
        var result = await NotebookRunner.RunAsync(path, new RunOptions(), progress, TestContext.Current.CancellationToken);
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        // cell 1 starts, cell 2 starts, then its two complete stdout lines (blank lines, stderr and an unfinished line are not reported)
        Assert.Equal([(1, null), (2, null), (2, "step 1 of 2"), (2, "step 2 of 2")], reports.Select(r => (r.Cell, r.Output)));
        Assert.All(reports, r => Assert.Equal(2, r.CellCount));
    }

    private sealed class Collect(List<CellProgress> into) : IProgress<CellProgress>
    {
        public void Report(CellProgress value) { lock (into) into.Add(value); }
    }

    [Fact]
    public async Task TopLevelAwaitAndTheKernelsDefaultUsingsWork()
    {
        var path = Fixture.TempNotebook("await", "await Task.Delay(1);\nvar sb = new StringBuilder(\"x\");\nIList list = new ArrayList { 1 };\nsb.ToString() + list.Count");
        var result = await Engine.Run(path);
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        Assert.Equal("x1", Text(Output(result, 0)["data"]!["text/plain"]));
    }

    [Fact]
    public async Task AnExceptionIsAnErrorOutputWithCellAndLineAndStopsTheRun()
    {
        var result = await Engine.Run(Fixture.Path("failing.ipynb"));
        var error = Assert.Single(result.Errors);
        Assert.Equal("notebook failing.ipynb, cell 3, line 2: InvalidOperationException: boom <b>", error.Message);
        var output = Output(result, 2);
        Assert.Equal("error", (string?)output["output_type"]);
        Assert.Equal("InvalidOperationException", (string?)output["ename"]);
        Assert.Equal("boom <b>", (string?)output["evalue"]);
        Assert.Null(result.Executed.Cells[3].ExecutionCount);      // not run after the failure
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task AllowErrorsKeepsRunning()
    {
        var result = await Engine.Run(Fixture.Path("failing.ipynb"), new RunOptions(AllowErrors: true));
        Assert.Single(result.Errors);
        Assert.Equal(3, result.Executed.Cells[3].ExecutionCount);
    }

    [Fact]
    public async Task ACompilationErrorNamesTheLine()
    {
        var path = Fixture.TempNotebook("compile", "var a = 1;\n\nvar b = undefinedName;");
        var error = Assert.Single((await Engine.Run(path)).Errors);
        Assert.StartsWith("notebook compile.ipynb, cell 1, line 3: error CS0103", error.Message);
    }

    [Fact]
    public async Task TheSourceNotebookIsNeverModified()
    {
        var before = File.ReadAllText(Fixture.Path("failing.ipynb"));
        await Engine.Run(Fixture.Path("failing.ipynb"));
        Assert.Equal(before, File.ReadAllText(Fixture.Path("failing.ipynb")));
    }

    [Fact]
    public async Task ANotebookWrittenForTheRealKernelRunsUnchanged()
    {
        var result = await Engine.Run(Fixture.Path("kernel-style.ipynb"), new RunOptions(Quick: true));
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        Assert.Equal("A notebook written for the real kernel", result.Title);
        var cells = result.Executed.Cells;
        var injected = cells[3];
        Assert.Contains(Parameters.InjectedTag, injected.Tags);
        Assert.Equal("bool quick = true;", injected.Source.Split('\n')[1]);
        Assert.Equal("steps = 3, label = full\n", Text(((JsonObject)cells[4].Outputs[0]!)["text"]));
        Assert.Equal("display_data", (string?)cells[4].Outputs[1]!["output_type"]);
        Assert.Contains("Plotly.newPlot", Text(cells[5].Outputs[0]!["data"]!["text/html"]));
        Assert.NotNull(cells[6].Outputs[0]!["data"]!["text/html"]);                 // the tensor's own HTML formatter
    }

    [Fact]
    public async Task ParamsOverrideTheDefaultsWithTheirDeclaredTypes()
    {
        var result = await Engine.Run(Fixture.Path("kernel-style.ipynb"),
            new RunOptions(Parameters: new Dictionary<string, string> { ["epochs"] = "2", ["label"] = "say \"hi\"" }));
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        Assert.Equal("steps = 2, label = say \"hi\"\n", Text(((JsonObject)result.Executed.Cells[4].Outputs[0]!)["text"]));
    }

    [Fact]
    public async Task AnUndeclaredOrMistypedParameterIsAnError()
    {
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
    public async Task ARelativeAssemblyIsLoadedOnceFromTheNotebooksFolder()
    {
        var path = Fixture.TempNotebook("relative", "#r \"lib/Helper.dll\"\nHelper.Twice(21)", "#r \"lib/Helper.dll\"\ntypeof(Helper).Assembly.Location");
        var lib = Directory.CreateDirectory(Path.Combine(Path.GetDirectoryName(path)!, "lib")).FullName;
        var name = "Helper" + Guid.NewGuid().ToString("N");   // a fresh assembly name per run
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(name,
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText("public static class Helper { public static int Twice(int x) => 2 * x; }", cancellationToken: TestContext.Current.CancellationToken)],
            [Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        using (var file = File.Create(Path.Combine(lib, "Helper.dll"))) Assert.True(compilation.Emit(file, cancellationToken: TestContext.Current.CancellationToken).Success);
        var result = await Engine.Run(path);
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        Assert.Equal("42", Text(Output(result, 0)["data"]!["text/plain"]));
        Assert.Equal(Path.Combine(lib, "Helper.dll"), Text(Output(result, 1)["data"]!["text/plain"]));
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == name);
    }

    [Fact]
    public async Task PackagesBindToTheEnginesOwnCopies()
    {
        var path = Fixture.TempNotebook("shared", "#r \"nuget: TorchSharp-cpu, 0.107.0\"\ntypeof(TorchSharp.torch).Assembly");
        var result = await Engine.Run(path);
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        Assert.Equal(typeof(TorchSharp.torch).Assembly.ToString(), Text(Output(result, 0)["data"]!["text/plain"]));
        Assert.Single(AppDomain.CurrentDomain.GetAssemblies(), a => a.GetName().Name == "TorchSharp");
    }

    [Fact]
    public async Task ClaimLinesPrintedToTheConsoleAreCountedOnce()
    {
        // The library's claims print "✓ …"/"✗ …" lines; a displayed claim-like value is not counted a second time.
        var path = Fixture.TempNotebook("claims",
            "Console.WriteLine(\"✓ a\"); Console.WriteLine(\"✗ b — 1 ≥ 0\"); Console.WriteLine(\"not ✓ a claim\");\ndisplay(new Depth.Notebooks.Tests.Verdict(true, \"a\"));");
        var notebookDir = Path.GetDirectoryName(path)!;
        File.Copy(typeof(Verdict).Assembly.Location, Path.Combine(notebookDir, "Tests.dll"));
        var source = Notebook.Load(path);
        source.Cells[0].Source = "#r \"Tests.dll\"\n" + source.Cells[0].Source;
        source.Save(path);
        var result = await Engine.Run(path);
        Assert.Equal((1, 1), (result.ClaimsPassed, result.ClaimsFailed));
        Assert.False(result.Succeeded);
    }
}
