using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

/// <summary>
/// The course's reading limits (<see cref="CellHygiene"/>): each rule proven to fail on a
/// synthetic notebook that breaks it and to pass at its limit, then enforced over every notebook in
/// notebooks/.
/// </summary>
public class HygieneTests
{
    /// <summary>A notebook of markdown ("# …") and code cells; cells are numbered over both, as the
    /// engine does.</summary>
    private static Notebook Synthetic(params string[] cells)
    {
        var notebook = Notebook.Parse(
            """{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
        var i = 0;
        foreach (var c in cells)
        {
            var cell = NotebookCell.NewCode(c);
            if (c.StartsWith('#') && !c.StartsWith("#r", StringComparison.Ordinal))
            {
                cell.Json["cell_type"] = "markdown";
                cell.Json.Remove("outputs");
                cell.Json.Remove("execution_count");
            }
            notebook.InsertCell(i++, cell);
        }
        return notebook;
    }

    private static string Code(int lines, int width = 10) =>
        string.Concat(Enumerable.Range(0, lines)
            .Select(i => $"var v{i} = 0;".PadRight(width, ' ')[..width] + "\n"));

    private static IReadOnlyList<string> Check(params string[] cells) =>
        CellHygiene.Violations(CellHygiene.Measure(Synthetic(cells), "99-x.ipynb"));

    [Fact]
    public void LinesAreSplitOnNewlineWithoutTheTrailingEmptyOne()
    {
        Assert.Equal(["a", "b"], CellHygiene.Lines("a\nb\n"));
        Assert.Equal(["a", "", "b", ""], CellHygiene.Lines("a\n\nb\n\n"));
        Assert.Empty(CellHygiene.Lines(""));
    }

    [Fact]
    public void ALongLineIsNamedByNotebookCellAndLineAndAllOffendersAreListed()
    {
        var ok = new string('x', CellHygiene.MaxLineLength);
        Assert.Empty(Check("# title", ok));
        // "é" and "✓" are one UTF-16 char each; "𝔼" is two: the limit is on .NET string length.
        Assert.Empty(Check(new string('é', 100)));
        var wide = string.Concat(Enumerable.Repeat("𝔼", 51));
        var problems = Check("# title", "a\n" + ok + "x\n", "# more", "b\n\n" + wide);
        Assert.Equal(["99-x.ipynb, cell 2, line 2: 101 characters (limit 100)",
                      "99-x.ipynb, cell 4, line 3: 102 characters (limit 100)"], problems);
    }

    [Fact]
    public void ACellOverTwentyLinesFails()
    {
        Assert.Empty(Check(Code(CellHygiene.MaxCellLines)));
        var problems = Check("# t", Code(CellHygiene.MaxCellLines),
                             Code(CellHygiene.MaxCellLines + 1));
        Assert.Equal(["99-x.ipynb, cell 3: 21 lines (limit 20)"], problems);
    }

    [Fact]
    public void MoreThanFiveCellsOverFifteenLinesInTheCourseFail()
    {
        var longCell = Code(CellHygiene.LongCellLines + 1);
        var five = Enumerable.Repeat(longCell, CellHygiene.MaxLongCells).ToArray();
        Assert.Empty(Check([.. five, Code(CellHygiene.LongCellLines)]));
        var problem = Assert.Single(Check([.. five, "# t", Code(CellHygiene.LongCellLines + 1)]));
        Assert.StartsWith(
            "6 code cells over 15 lines in the course (limit 5): 99-x.ipynb, cell 1 (16 lines)",
            problem);
        Assert.EndsWith("99-x.ipynb, cell 7 (16 lines)", problem);
    }

    [Fact]
    public void DeclarationsAreCountedFromARoslynScriptParseAndLambdasDoNot()
    {
        const string Code = """
            #r "nuget: TorchSharp-cpu, 0.107.0"
            double Square(double x) => x * x;
            Func<int, int> twice = x => 2 * x;
            var f = (int x) => { int Inner(int y) => y; return Inner(x); };
            record Point(double X, double Y);
            class Probe { public void Run() { } }
            enum Kind { A, B }
            interface IShape { }
            delegate int Op(int a);
            struct S { }
            """;
        Assert.Equal(["Square()", "Inner()", "record Point", "class Probe", "Run()", "enum Kind",
                      "interface IShape", "delegate Op", "struct S"],
                     CellHygiene.Declarations(Code));
        Assert.Empty(CellHygiene.Declarations("var xs = Enumerable.Range(0, 3).Select(i => i);"));
    }

    [Fact]
    public void MoreThanEightDeclarationsInTheCourseFail()
    {
        var eight = Enumerable.Range(0, CellHygiene.MaxDeclarations)
            .Select(i => $"int F{i}() => {i};").ToArray();
        Assert.Empty(Check(eight));
        var problem = Assert.Single(Check([.. eight, "# t", "class Extra { }"]));
        Assert.StartsWith(
            "9 functions/types declared in notebooks (limit 8): 99-x.ipynb, cell 1: F0()", problem);
        Assert.EndsWith("99-x.ipynb, cell 10: class Extra", problem);
    }

    [Fact]
    public void MarkdownCellsAreNotMeasured()
    {
        var markdown = "# " + new string('x', 300) + "\n" + Code(40);
        var measures = CellHygiene.Measure(Synthetic(markdown, "var x = 1;"), "99-x.ipynb");
        Assert.Equal(2, Assert.Single(measures).Cell);
    }

    [Fact]
    public void TheSummaryHasOneRowPerNotebookAndTheCourseTotals()
    {
        var first = Synthetic(Code(17), "int F() => 1;\n" + new string('x', 120));
        var cells = CellHygiene.Measure(first, "01-a.ipynb")
            .Concat(CellHygiene.Measure(Synthetic(Code(3)), "02-b.ipynb")).ToList();
        var rows = CellHygiene.Summary(cells).Split('\n');
        Assert.Equal(5, rows.Length);
        Assert.Matches(@"^01-a\.ipynb\s+17\s+1\s+1\s+1\s+\(longest: cell 1\)$", rows[1]);
        Assert.Matches(@"^02-b\.ipynb\s+3\s+0\s+0\s+0\s+\(longest: cell 1\)$", rows[2]);
        Assert.Matches(@"^course\s+17\s+1\s+1\s+1$", rows[3]);
    }

    /// <summary>
    /// The course itself keeps every limit. The message starts with the per-lesson summary (longest
    /// cell, cells over 15 lines, declarations, long lines), then lists every offender.
    /// </summary>
    [Fact]
    public void EveryNotebookKeepsTheReadingLimits()
    {
        var folder = Path.Combine(Fixture.RepoRoot(), "notebooks");
        var cells = CellHygiene.MeasureFolder(folder);
        Assert.NotEmpty(cells);
        var summary = CellHygiene.Summary(cells);
        TestContext.Current.TestOutputHelper?.WriteLine(summary);   // shown with -showliveoutput
        var problems = CellHygiene.Violations(cells);
        Assert.True(problems.Count == 0,
            $"The notebooks break the reading limits ({problems.Count} problem(s)):\n"
            + $"{summary}\n\n" + string.Join("\n", problems));
    }
}
