using Depth.Notebooks.Apps;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

/// <summary>How <see cref="AppGenerator"/> maps a notebook to a file-based app, on small in-memory notebooks.</summary>
public class AppGeneratorTests
{
    private const string Load = "#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"../lib/Depth/bin/Release/net10.0/Depth.dll\"\nusing Depth.Notebook;";

    private static string Generate(params (string Type, string Source, string[] Tags)[] cells)
    {
        var notebook = Notebook.Parse("""{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
        var i = 0;
        foreach (var (type, source, tags) in cells)
        {
            var cell = NotebookCell.NewCode(source, tags);
            if (type == "markdown")
            {
                cell.Json["cell_type"] = "markdown";
                cell.Json.Remove("outputs");
                cell.Json.Remove("execution_count");
            }
            notebook.InsertCell(i++, cell);
        }
        return AppGenerator.Generate(notebook, "09-test");
    }

    private static (string, string, string[]) Code(string source, params string[] tags) => ("code", source, tags);

    private static (string, string, string[]) Markdown(string source) => ("markdown", source, []);

    private static string[] Lines(string text) => text.Split('\n');

    [Fact]
    public void ReferencesBecomeDirectivesAtTheTop()
    {
        var app = Generate(Code(Load), Code("var x = 1;"));
        var lines = Lines(app);
        var package = Array.IndexOf(lines, "#:package TorchSharp-cpu");
        var project = Array.IndexOf(lines, "#:project ../lib/Depth/Depth.csproj");
        Assert.True(package > 0 && project > package, app);
        Assert.All(lines.Take(package), l => Assert.StartsWith("//", l));   // only comments before the directives
        Assert.DoesNotContain(lines, l => l.StartsWith("#:property", StringComparison.Ordinal));   // apps/Directory.Build.props
        Assert.DoesNotContain("#r ", app);
    }

    [Fact]
    public void TrailingExpressionIsDisplayedAndTerminatedStatementsAreNot()
    {
        var app = Generate(Code(Load), Code("var x = 1;\n// the answer\nx + 41"), Code("var y = x;\ny;"));
        Assert.Contains("// the answer\ndisplay(x + 41);\n", app);
        Assert.Contains("var y = x;\ny;\n", app);
        Assert.DoesNotContain("display(y)", app);
    }

    [Fact]
    public void MultiLineTrailingExpressionIsDisplayedWhole()
    {
        var app = Generate(Code(Load), Code("Table.From([\"a\"],\n    [[1]])"));
        Assert.Contains("display(Table.From([\"a\"],\n    [[1]]));\n", app);
    }

    [Fact]
    public void UsingsFromEveryCellAreHoistedOnceAboveTheStatements()
    {
        var app = Generate(Code(Load), Code("using System.Text;\nvar sb = new StringBuilder();"),
            Code("using System.Text;\nusing (var s = new System.IO.MemoryStream()) { }"));
        var lines = Lines(app);
        var host = Array.FindIndex(lines, l => l.StartsWith("var app = Depth.AppHost.Start(", StringComparison.Ordinal));
        Assert.Single(lines, "using System.Text;");
        Assert.True(Array.IndexOf(lines, "using System.Text;") < host);
        Assert.True(Array.IndexOf(lines, "using Depth.Notebook;") < host);
        Assert.Contains("using static Depth.AppHost;", lines);
        // a using statement is a statement: it stays where it is
        Assert.True(Array.FindIndex(lines, l => l.StartsWith("using (var s", StringComparison.Ordinal)) > host);
    }

    [Fact]
    public void TypeDeclarationsMoveAfterTheTopLevelStatements()
    {
        var app = Generate(Code(Load), Code("record Point(int X, int Y);\nvar p = new Point(1, 2);"), Code("p"));
        var lines = Lines(app);
        var finish = Array.IndexOf(lines, "app.Finish();");
        Assert.True(Array.IndexOf(lines, "record Point(int X, int Y);") > finish, app);
        Assert.True(Array.IndexOf(lines, "var p = new Point(1, 2);") < finish, app);
    }

    [Fact]
    public void EveryDeclaredParameterTakesItsValueFromTheCommandLineOrTheNotebook()
    {
        var app = Generate(Code(Load),
            Code("var quick = false;\nvar seed = 1;   // the seed\ndouble rate = 0.1;", "parameters"), Code("seed"));
        Assert.Contains("var app = Depth.AppHost.Start(args, \"09-test\", \"quick\", \"seed\", \"rate\");", app);
        Assert.Contains("var quick = app.Param(\"quick\", false);\nvar seed = app.Param(\"seed\", 1);   // the seed\n"
            + "double rate = app.Param<double>(\"rate\", 0.1);", app);
        var e = Assert.Throws<AppGenerationException>(() =>
            Generate(Code(Load), Code("var seed =\n    1;", "parameters")));
        Assert.Contains("parameter 'seed' must be declared on one line", e.Message);
    }

    [Fact]
    public void WithoutAParametersCellTheAppTakesNoParameters()
    {
        var app = Generate(Code(Load), Code("var x = 1;"));
        Assert.Contains("var app = Depth.AppHost.Start(args, \"09-test\");", app);
        Assert.DoesNotContain(".Param(", app);
    }

    [Fact]
    public void MarkdownBecomesWrappedCommentsWithHeadingsKept()
    {
        var words = string.Join(" ", Enumerable.Repeat("lorem ipsum", 30));
        var app = Generate(Markdown($"## 2. A heading\n\n{words}\n\n- {words}\n\n$$a = b$$"), Code(Load));
        var comment = Lines(app).SkipWhile(l => l != "// ## 2. A heading").TakeWhile(l => l.StartsWith("//", StringComparison.Ordinal)).ToList();
        Assert.True(comment.Count > 6, app);
        Assert.All(comment, l => Assert.True(l.Length <= MarkdownComments.Width, l));
        Assert.Equal("//", comment[1]);
        Assert.StartsWith("// lorem ipsum", comment[2]);
        var item = comment.FindIndex(l => l.StartsWith("// - lorem", StringComparison.Ordinal));
        Assert.StartsWith("//   lorem", comment[item + 1]);   // hanging indent under the item's text
        Assert.Equal("// $$a = b$$", comment[^1]);
        Assert.Equal(words, string.Join(" ", comment.Skip(2).Take(item - 3).Select(l => l[3..])));
    }

    [Fact]
    public void HardWrappedParagraphsAndItemsAreReflowed()
    {
        var app = Generate(Markdown("first half of a sentence\nand its second half.\n- item\n  continued\n# Next"), Code(Load));
        Assert.Contains("\n// first half of a sentence and its second half.\n// - item continued\n// # Next\n", app);
    }

    [Fact]
    public void KernelOnlyCellsAreLeftOut()
    {
        var app = Generate(Code(Load), Code("using Microsoft.DotNet.Interactive.Formatting;\nvar html = Formatter.ToDisplayString(1);", AppGenerator.KernelOnlyTag));
        Assert.DoesNotContain("Formatter", app);
        Assert.Contains("cell 2 is about the notebook kernel itself", app);
    }

    [Fact]
    public void KernelApiOutsideAKernelOnlyCellIsRefused()
    {
        var e = Assert.Throws<AppGenerationException>(() => Generate(Code(Load), Code("using Microsoft.DotNet.Interactive.Formatting;")));
        Assert.Contains("cell 2", e.Message);
        Assert.Contains(AppGenerator.KernelOnlyTag, e.Message);
    }

    [Fact]
    public void ARedeclarationAcrossCellsIsRefusedWithBothCells()
    {
        var e = Assert.Throws<AppGenerationException>(() => Generate(Code(Load), Code("var options = 1;"), Code("var x = 2;"), Code("var options = \"a\";")));
        Assert.Contains("cell 4 declares 'options' again (first declared in cell 2)", e.Message);
    }

    [Fact]
    public void ANestedNameThatShadowsATopLevelOneIsRefused()
    {
        var e = Assert.Throws<AppGenerationException>(() => Generate(Code(Load),
            Code("foreach (var h in new[] { 1 }) { var model = h; }"), Code("var model = 3;")));
        Assert.Contains("cell 2 declares 'model' in a nested block, and cell 3 at the top level", e.Message);
    }

    [Fact]
    public void LambdasAndLocalFunctionsMayShadowAndDeconstructionsDeclareAtTheTop()
    {
        var app = Generate(Code(Load), Code("var (a, b) = (1, 2);\nint Twice(int x) => 2 * x;"),
            Code("var f = (int a) => a + 1;\nint G() { var b = 3; return b; }\nvar x = 1;"));
        Assert.Contains("int Twice(int x) => 2 * x;", app);
        Assert.Throws<AppGenerationException>(() => Generate(Code(Load), Code("var (a, b) = (1, 2);"), Code("var b = 3;")));
    }

    [Fact]
    public void UnsupportedConstructsAreRefused()
    {
        Assert.Throws<AppGenerationException>(() => Generate(Code("#r \"nuget: TorchSharp-cpu\"")));
        Assert.Throws<AppGenerationException>(() => Generate(Code("#r \"/usr/lib/some.dll\"")));
        Assert.Throws<AppGenerationException>(() => Generate(Code("#!fsharp\nlet x = 1")));
        Assert.Throws<AppGenerationException>(() => Generate(Code("var app = 1;")));
        Assert.Contains("var x = 1;", Generate(Code("#!time\nvar x = 1;")));
    }
}
