using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Depth.Notebooks.Model;

/// <summary>
/// The measures of one code cell that the course's reading limits are about.
/// </summary>
/// <param name="Notebook">File name of the notebook, e.g.
/// <c>07-ten-thousand-layers.ipynb</c>.</param>
/// <param name="Cell">1-based number over all cells, markdown included, as the engine's messages
/// count.</param>
/// <param name="Lines">Number of lines: the source split on <c>'\n'</c>, a trailing empty line not
/// counted.</param>
/// <param name="LongLines">(1-based line, length) of every line longer than <see
/// cref="CellHygiene.MaxLineLength"/>.</param>
/// <param name="Declarations">Names of the functions and types the cell declares (see <see
/// cref="CellHygiene.Declarations"/>).</param>
public sealed record CellMeasure(string Notebook, int Cell, int Lines,
                                 IReadOnlyList<(int Line, int Length)> LongLines,
                                 IReadOnlyList<string> Declarations);

/// <summary>
/// Counts what the course's reading limits are about and lists every breach. The limits: no
/// code line over 100 UTF-16 characters; no code cell over 20 lines; in the whole course
/// at most 5 code cells over 15 lines and at most 8 functions or types declared in notebooks. Only
/// code cells are measured.
/// </summary>
public static class CellHygiene
{
    /// <summary>Longest allowed code line, in UTF-16 characters (.NET string length).</summary>
    public const int MaxLineLength = 100;

    /// <summary>Longest allowed code cell, in lines.</summary>
    public const int MaxCellLines = 20;

    /// <summary>A cell with more lines than this is "long"; the course may hold <see
    /// cref="MaxLongCells"/> of them.</summary>
    public const int LongCellLines = 15;

    /// <summary>Most code cells over <see cref="LongCellLines"/> lines in the whole
    /// course.</summary>
    public const int MaxLongCells = 5;

    /// <summary>Most functions and types declared in notebooks in the whole course.</summary>
    public const int MaxDeclarations = 8;

    private static readonly CSharpParseOptions Script = new(kind: SourceCodeKind.Script);

    /// <summary>The lines of <paramref name="source"/>: split on <c>'\n'</c>, a trailing empty line
    /// dropped.</summary>
    public static IReadOnlyList<string> Lines(string source)
    {
        var lines = source.Split('\n').ToList();
        if (lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return lines;
    }

    /// <summary>
    /// The functions and types <paramref name="code"/> declares, parsed as a C# script: every <see
    /// cref="MethodDeclarationSyntax"/>, <see cref="LocalFunctionStatementSyntax"/>, <see
    /// cref="BaseTypeDeclarationSyntax"/> (class, struct, record, interface, enum) and <see
    /// cref="DelegateDeclarationSyntax"/>, nested ones included. Lambdas do not count.
    /// </summary>
    public static IReadOnlyList<string> Declarations(string code) =>
        CSharpSyntaxTree.ParseText(code, Script).GetRoot().DescendantNodes()
            .Select(n => n switch
            {
                MethodDeclarationSyntax m => m.Identifier.Text + "()",
                LocalFunctionStatementSyntax f => f.Identifier.Text + "()",
                TypeDeclarationSyntax t => $"{t.Keyword.Text} {t.Identifier.Text}",
                EnumDeclarationSyntax e => "enum " + e.Identifier.Text,
                BaseTypeDeclarationSyntax b => b.Identifier.Text,
                DelegateDeclarationSyntax d => "delegate " + d.Identifier.Text,
                _ => null,
            })
            .OfType<string>()
            .ToList();

    /// <summary>The measures of every code cell of <paramref name="notebook"/>, named <paramref
    /// name="name"/>.</summary>
    public static IReadOnlyList<CellMeasure> Measure(Notebook notebook, string name)
    {
        var cells = notebook.Cells;
        var result = new List<CellMeasure>();
        for (var i = 0; i < cells.Count; i++)
        {
            if (!cells[i].IsCode) continue;
            var source = cells[i].Source;
            var lines = Lines(source);
            var longLines = lines.Select((l, n) => (Line: n + 1, l.Length))
                .Where(x => x.Length > MaxLineLength).ToList();
            result.Add(new CellMeasure(name, i + 1, lines.Count, longLines, Declarations(source)));
        }
        return result;
    }

    /// <summary>The measures of every <c>*.ipynb</c> in <paramref name="folder"/>, in name
    /// order.</summary>
    public static IReadOnlyList<CellMeasure> MeasureFolder(string folder) =>
        Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal)
            .SelectMany(p => Measure(Notebook.Load(p), Path.GetFileName(p))).ToList();

    /// <summary>
    /// Every breach of the limits in <paramref name="cells"/> (the whole course), one line each,
    /// e.g. <c>07-x.ipynb, cell 12, line 3: 131 characters (limit 100)</c>; empty when the course
    /// keeps them all.
    /// </summary>
    public static IReadOnlyList<string> Violations(IReadOnlyList<CellMeasure> cells)
    {
        var problems = new List<string>();
        foreach (var c in cells)
            foreach (var (line, length) in c.LongLines)
                problems.Add($"{c.Notebook}, cell {c.Cell}, line {line}: {length} characters "
                             + $"(limit {MaxLineLength})");
        foreach (var c in cells.Where(c => c.Lines > MaxCellLines))
            problems.Add($"{c.Notebook}, cell {c.Cell}: {c.Lines} lines (limit {MaxCellLines})");
        var longCells = cells.Where(c => c.Lines > LongCellLines).ToList();
        if (longCells.Count > MaxLongCells)
            problems.Add($"{longCells.Count} code cells over {LongCellLines} lines in the course "
                         + $"(limit {MaxLongCells}): "
                         + string.Join("; ", longCells.Select(c =>
                             $"{c.Notebook}, cell {c.Cell} ({c.Lines} lines)")));
        var declared = cells
            .SelectMany(c => c.Declarations.Select(d => $"{c.Notebook}, cell {c.Cell}: {d}"))
            .ToList();
        if (declared.Count > MaxDeclarations)
            problems.Add($"{declared.Count} functions/types declared in notebooks "
                         + $"(limit {MaxDeclarations}): " + string.Join("; ", declared));
        return problems;
    }

    /// <summary>
    /// One row per notebook: longest code cell, cells over <see cref="LongCellLines"/> lines,
    /// functions and types declared, lines over <see cref="MaxLineLength"/> characters; then the
    /// course totals against the limits.
    /// </summary>
    public static string Summary(IReadOnlyList<CellMeasure> cells)
    {
        var rows = new List<string>
        {
            $"{"notebook",-46} {"longest",7} {">15",4} {"decl",5} {"long lines",10}",
        };
        foreach (var g in cells.GroupBy(c => c.Notebook))
        {
            var longest = g.MaxBy(c => c.Lines)!;
            var over = g.Count(c => c.Lines > LongCellLines);
            rows.Add($"{g.Key,-46} {longest.Lines,7} {over,4} "
                     + $"{g.Sum(c => c.Declarations.Count),5} {g.Sum(c => c.LongLines.Count),10}"
                     + $"   (longest: cell {longest.Cell})");
        }
        var max = cells.Count == 0 ? 0 : cells.Max(c => c.Lines);
        rows.Add($"{"course",-46} {max,7} {cells.Count(c => c.Lines > LongCellLines),4} "
                 + $"{cells.Sum(c => c.Declarations.Count),5} "
                 + $"{cells.Sum(c => c.LongLines.Count),10}");
        rows.Add($"{"limit",-46} {MaxCellLines,7} {MaxLongCells,4} {MaxDeclarations,5} {0,10}");
        return string.Join("\n", rows);
    }
}
