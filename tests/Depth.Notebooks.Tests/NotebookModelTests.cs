using System.Text.Json.Nodes;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

public class NotebookModelTests
{
    [Theory]
    [InlineData("kernel-style.ipynb")]
    [InlineData("failing.ipynb")]
    [InlineData("roundtrip.ipynb")]
    public void ReadWriteRoundTripLeavesTheFileByteIdentical(string fixture)
    {
        var text = File.ReadAllText(Fixture.Path(fixture));
        Assert.Equal(text, Notebook.Parse(text).ToJson());
    }

    [Fact]
    public void UnknownMetadataAndOutputsSurvive()
    {
        var notebook = Notebook.Load(Fixture.Path("roundtrip.ipynb"));
        Assert.Equal("kept", (string?)notebook.Metadata["custom_tool"]?["setting"]);
        var code = notebook.Cells.First(c => c.IsCode);
        Assert.Equal("keep me ✓", (string?)code.Metadata["vendor"]);
        Assert.Single(code.Outputs);
        Assert.Equal(7, code.ExecutionCount);
    }

    [Fact]
    public void SourceReadsStringsAndLineListsAndKeepsTheFormOnWrite()
    {
        var notebook = Notebook.Load(Fixture.Path("roundtrip.ipynb"));
        var asString = notebook.Cells.First(c => c.Json["source"] is JsonValue);
        Assert.Equal("plain string source\nsecond line", asString.Source);
        asString.Source = "changed";
        Assert.True(asString.Json["source"] is JsonValue);
        var asList = notebook.Cells.First(c => c.IsCode);
        asList.Source = "a\nb";
        Assert.Equal(["a\n", "b"], ((JsonArray)asList.Json["source"]!).Select(n => (string?)n).ToArray());
    }

    [Fact]
    public void RejectsOtherFormats()
    {
        var e = Assert.Throws<FormatException>(() => Notebook.Parse("""{"nbformat": 3, "cells": []}""", "old.ipynb"));
        Assert.Contains("old.ipynb", e.Message);
        Assert.Contains("nbformat 3", e.Message);
    }

    [Fact]
    public void HygieneStripsOutputsCountsAndTiming()
    {
        var notebook = Notebook.Load(Fixture.Path("roundtrip.ipynb"));
        Assert.NotEmpty(NotebookHygiene.Problems(notebook));
        NotebookHygiene.Strip(notebook);
        Assert.Empty(NotebookHygiene.Problems(notebook));
        Assert.Equal("kept", (string?)notebook.Metadata["custom_tool"]?["setting"]);
    }

    [Fact]
    public void SaveIsAtomicAndLeavesNoTemporaryFiles()
    {
        var dir = Directory.CreateTempSubdirectory("engine-save-").FullName;
        var path = System.IO.Path.Combine(dir, "n.ipynb");
        var notebook = Notebook.Load(Fixture.Path("failing.ipynb"));
        notebook.Save(path);
        notebook.Save(path);
        Assert.Equal([path], Directory.GetFiles(dir));
        Assert.Equal(notebook.ToJson(), File.ReadAllText(path));
    }
}
