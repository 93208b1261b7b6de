using System.Xml.Linq;
using Depth.Notebooks.Execution;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

/// <summary>
/// What the course's notebooks may say to the kernel, checked over their text: the kernel would accept more, but a
/// notebook must only load what the repository pins and builds.
/// </summary>
public class DirectiveTests
{
    [Fact]
    public void ParsesPackageAndPathReferencesAndBlanksDirectiveLines()
    {
        var cell = CellDirectives.Parse("#!time\n#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget:Plotly.NET\"\n#r \"../lib/Depth.dll\"\nvar x = 1;");
        Assert.Equal(["", "", "", "", "var x = 1;"], cell.Code.Split('\n'));
        Assert.Equal(new Reference(2, "TorchSharp-cpu", "0.107.0", null), cell.References[0]);
        Assert.Equal(new Reference(3, "Plotly.NET", null, null), cell.References[1]);
        Assert.Equal(new Reference(4, null, null, "../lib/Depth.dll"), cell.References[2]);
    }

    [Theory]
    [InlineData("#r nuget: X", 1)]
    [InlineData("var a = 1;\n#r \"nuget: \"", 2)]
    public void AMalformedReferenceNamesItsLine(string source, int line) =>
        Assert.Equal(line, Assert.Throws<LineDirectiveException>(() => CellDirectives.Parse(source)).Line);

    public static TheoryData<string> Notebooks() => new(CourseNotebookTests.Names());

    /// <summary>Every <c>#r "nuget:"</c> in a lesson names a package of the "Notebook packages" group of
    /// Directory.Packages.props at exactly its pinned version; every <c>#r</c> path is a built course assembly.</summary>
    [Theory]
    [MemberData(nameof(Notebooks))]
    public void ReferencesArePinnedInDirectoryPackagesProps(string notebook)
    {
        var root = Fixture.RepoRoot();
        var pins = XDocument.Load(Path.Combine(root, "Directory.Packages.props")).Descendants("ItemGroup")
            .Where(g => (string?)g.Attribute("Label") == "Notebook packages")
            .SelectMany(g => g.Elements("PackageVersion"))
            .ToDictionary(p => (string)p.Attribute("Include")!, p => (string)p.Attribute("Version")!, StringComparer.OrdinalIgnoreCase);
        var nb = Notebook.Load(Path.Combine(root, "notebooks", notebook));
        var references = nb.Cells.Where(c => c.IsCode).SelectMany(c => CellDirectives.Parse(c.Source).References).ToList();
        Assert.NotEmpty(references);
        foreach (var r in references)
        {
            if (r.PackageName is { } name)
            {
                Assert.True(pins.TryGetValue(name, out var pinned), $"{notebook}: #r \"nuget: {name}\" is not in the Notebook packages of Directory.Packages.props");
                Assert.True(r.PackageVersion == pinned, $"{notebook}: #r \"nuget: {name}, {r.PackageVersion}\" but Directory.Packages.props pins {pinned}");
            }
            else
                Assert.True(r.AssemblyPath == "../lib/Depth/bin/Release/net10.0/Depth.dll",
                    $"{notebook}: #r \"{r.AssemblyPath}\" is not the course library's build output");
        }
    }

    /// <summary>No cell names a Plotly.NET or FSharp type: the real kernel's FSharp.Core is older than Plotly.NET's, so
    /// charts go through the library's figure type only.</summary>
    [Theory]
    [MemberData(nameof(Notebooks))]
    public void NoCellUsesPlotlyOrFSharpTypesDirectly(string notebook)
    {
        var nb = Notebook.Load(Path.Combine(Fixture.RepoRoot(), "notebooks", notebook));
        foreach (var (cell, index) in nb.Cells.Select((c, i) => (c, i + 1)).Where(x => x.c.IsCode))
            foreach (var word in new[] { "Plotly.NET", "GenericChart", "StyleParam", "Microsoft.FSharp", "FSharpOption" })
                Assert.False(cell.Source.Contains(word, StringComparison.Ordinal), $"{notebook}, cell {index}: uses {word} directly");
        foreach (var (cell, index) in nb.Cells.Select((c, i) => (c, i + 1)).Where(x => x.c.IsCode))
            Assert.False(System.Text.RegularExpressions.Regex.IsMatch(cell.Source, @"\bChart\."), $"{notebook}, cell {index}: calls Plotly's Chart.* directly");
    }
}
