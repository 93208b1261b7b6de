using Depth.Notebooks.Execution;

namespace Depth.Notebooks.Tests;

public class DirectiveTests
{
    [Fact]
    public void ParsesPackageAndPathReferencesAndBlanksTheirLines()
    {
        var cell = CellDirectives.Parse("#!csharp\n#r \"nuget: TorchSharp-cpu, 0.107.0\"\n#r \"nuget:Plotly.NET.CSharp\"\n#r \"../lib/Depth.dll\"\nvar x = 1;");
        Assert.Equal(["", "", "", "", "var x = 1;"], cell.Code.Split('\n'));
        Assert.Equal(new Reference(2, "TorchSharp-cpu", "0.107.0", null), cell.References[0]);
        Assert.Equal(new Reference(3, "Plotly.NET.CSharp", null, null), cell.References[1]);
        Assert.Equal(new Reference(4, null, null, "../lib/Depth.dll"), cell.References[2]);
    }

    [Theory]
    [InlineData("#!fsharp", 1)]
    [InlineData("var a = 1;\n#!time", 2)]
    [InlineData("#i \"nuget: https://example.org/feed\"", 1)]
    [InlineData("\n\n#load \"other.csx\"", 3)]
    [InlineData("#r nuget: X", 1)]
    public void OtherMagicsAreErrorsWithTheirLine(string source, int line)
    {
        var e = Assert.Throws<LineDirectiveException>(() => CellDirectives.Parse(source));
        Assert.Equal(line, e.Line);
    }

    [Fact]
    public void PinnedPackagesResolveToShippedAssemblies()
    {
        var files = PackageCatalog.Current.Resolve("TorchSharp-cpu", "0.107.0").Select(Path.GetFileName).ToList();
        Assert.Contains("TorchSharp.dll", files);
        var plotly = PackageCatalog.Current.Resolve("plotly.net.csharp", null).Select(Path.GetFileName).ToList();
        Assert.Contains("Plotly.NET.CSharp.dll", plotly);
        Assert.Contains("Plotly.NET.dll", plotly);
        Assert.Contains("FSharp.Core.dll", plotly);
        Assert.Empty(PackageCatalog.Current.Resolve("Plotly.NET.Interactive", "6.0.0"));
    }

    [Fact]
    public void PinsComeFromTheNotebookGroupOfDirectoryPackagesProps()
    {
        var props = System.Xml.Linq.XDocument.Load(Path.Combine(Fixture.RepoRoot(), "Directory.Packages.props"));
        var expected = PackageCatalog.ParsePins(props);
        Assert.Equal(expected.OrderBy(p => p.Key), PackageCatalog.Current.Pinned.OrderBy(p => p.Key));
        Assert.DoesNotContain("Markdig", PackageCatalog.Current.Pinned.Keys);   // engine packages are not notebook packages
    }

    [Fact]
    public void AWrongVersionOrAnUnknownPackageIsAClearError()
    {
        var pinned = PackageCatalog.Current.Pinned["TorchSharp-cpu"];
        var wrong = Assert.Throws<DirectiveException>(() => PackageCatalog.Current.Resolve("TorchSharp-cpu", "0.105.0"));
        Assert.Contains("0.105.0", wrong.Message);
        Assert.Contains(pinned, wrong.Message);
        var unknown = Assert.Throws<DirectiveException>(() => PackageCatalog.Current.Resolve("Newtonsoft.Json", "13.0.3"));
        Assert.Contains("Newtonsoft.Json", unknown.Message);
    }

    [Fact]
    public async Task ADirectiveErrorNamesNotebookCellAndLine()
    {
        var path = Fixture.TempNotebook("bad-version", "var a = 1;", "// load\n#r \"nuget: TorchSharp-cpu, 0.1.0\"");
        var result = await Engine.Run(path);
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("notebook bad-version.ipynb, cell 2, line 2: package 'TorchSharp-cpu' version 0.1.0", error.Message);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task AMissingAssemblyPathSaysToBuild()
    {
        var path = Fixture.TempNotebook("missing-dll", "#r \"../nowhere/Depth.dll\"");
        var error = Assert.Single((await Engine.Run(path)).Errors);
        Assert.Contains("cell 1, line 1", error.Message);
        Assert.Contains("./course build", error.Message);
    }
}
