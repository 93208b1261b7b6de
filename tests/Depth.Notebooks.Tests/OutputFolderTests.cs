using Depth.Notebooks.Execution;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

/// <summary>Sources are sacred: executed copies never land on a source notebook, however the path is spelled.</summary>
public class OutputFolderTests
{
    private static (string Folder, string Source) Lesson()
    {
        var source = Fixture.TempNotebook("lesson", [("var quick = false;", new[] { Parameters.Tag })]);
        return (Path.GetDirectoryName(source)!, source);
    }

    [Fact]
    public void AFolderThatIsTheSourcesFolderThroughALinkOrDotDotIsRefused()
    {
        var (folder, source) = Lesson();
        var link = Path.Combine(Directory.CreateTempSubdirectory("out-").FullName, "site");
        Directory.CreateSymbolicLink(link, folder);
        var viaLink = Assert.Throws<ArgumentException>(() => OutputFolder.Prepare(link, [source]));
        Assert.Contains("executed copies never go next to their sources", viaLink.Message);
        var viaDots = Path.Combine(folder, "sub", "..");
        Assert.Throws<ArgumentException>(() => OutputFolder.Prepare(viaDots, [source]));
    }

    [Fact]
    public void ANotebookThatIsNotAnExecutedCopyIsNeverOverwritten()
    {
        var (_, source) = Lesson();
        var before = File.ReadAllText(source);
        var outDir = Directory.CreateTempSubdirectory("out-").FullName;
        var copy = Notebook.Load(source).Clone();
        var target = Path.Combine(outDir, "lesson.ipynb");
        File.CreateSymbolicLink(target, source);                       // a link in the site folder to a source
        Assert.Throws<IOException>(() => OutputFolder.Write(target, copy, [source]));
        File.Delete(target);
        File.Copy(source, target);                                      // a notebook that is not an executed copy
        var e = Assert.Throws<IOException>(() => OutputFolder.Write(target, copy, []));
        Assert.Contains("not an executed copy", e.Message);
        File.Delete(target);
        OutputFolder.MarkExecuted(copy, "1.0.712001");
        OutputFolder.Write(target, copy, [source]);
        OutputFolder.Write(target, copy, [source]);                     // an executed copy may be replaced
        Assert.True(OutputFolder.IsExecutedCopy(target));
        Assert.Equal(before, File.ReadAllText(source));
    }

    [Fact]
    public void AnUnwritableFolderIsRefusedUpFront()
    {
        var (_, source) = Lesson();
        var file = Path.GetTempFileName();
        Assert.Throws<ArgumentException>(() => OutputFolder.Prepare(file, [source]));
        var inside = Assert.Throws<ArgumentException>(() => OutputFolder.Prepare(Path.Combine(file, "site"), [source]));
        Assert.Contains("which is a file", inside.Message);
    }

    [Fact]
    public void CleanRemovesAnInjectedParametersCell()
    {
        var path = Fixture.TempNotebook("injected", [("var quick = false;", new[] { Parameters.Tag }),
            ("bool quick = true;", new[] { Parameters.InjectedTag }), ("quick", Array.Empty<string>())]);
        var notebook = Notebook.Load(path);
        Assert.Contains(NotebookHygiene.Problems(notebook), p => p.Contains("injected-parameters"));
        NotebookHygiene.Strip(notebook);
        Assert.Equal(2, notebook.Cells.Count);
        Assert.Empty(NotebookHygiene.Problems(notebook));
    }
}

/// <summary>Running some lessons into an existing site keeps the others on its index.</summary>
public class SiteIndexMergeTests
{
    [Fact]
    public void ALaterRunOfOneLessonKeepsTheOthersOnTheIndex()
    {
        var outDir = Directory.CreateTempSubdirectory("site-merge-").FullName;
        Site.NotebookRun Run(string name, int claims)
        {
            var path = Path.Combine(outDir, name + ".ipynb");
            File.WriteAllText(path, """{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
            return new Site.NotebookRun(name, "Lesson " + name, path, TimeSpan.FromSeconds(1), claims, 0, true, null);
        }
        Assert.Equal(2, Site.SiteBuilder.Build([Run("01-a", 3), Run("02-b", 4)], outDir));
        Assert.Equal(2, Site.SiteBuilder.Build([Run("02-b", 5)], outDir));
        var index = File.ReadAllText(Path.Combine(outDir, "index.html"));
        Assert.Contains("Lesson 01-a", index);
        Assert.Contains("Lesson 02-b", index);
        Assert.Contains("8 claims held", index);                        // 3 (kept) + 5 (new run)
        File.Delete(Path.Combine(outDir, "01-a.ipynb"));                 // a lesson whose copy is gone drops off
        Assert.Equal(1, Site.SiteBuilder.Build([Run("02-b", 5)], outDir));
    }
}
