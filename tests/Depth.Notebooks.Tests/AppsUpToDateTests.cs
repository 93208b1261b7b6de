using Depth.Notebooks.Apps;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

/// <summary>The committed apps/NN-name.cs are what <c>./course apps</c> generates from the notebooks now.</summary>
public class AppsUpToDateTests
{
    public static TheoryData<string> Notebooks() => new(CourseNotebookTests.Names());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void CommittedAppEqualsTheOneGeneratedFromItsNotebook(string notebook)
    {
        var root = Fixture.RepoRoot();
        var path = Path.Combine(root, "notebooks", notebook);
        if (!File.Exists(path)) Assert.Skip("notebooks/ holds no notebooks yet");
        var app = AppGenerator.AppPath(root, path);
        var expected = AppGenerator.Generate(Notebook.Load(path), Path.GetFileNameWithoutExtension(path));
        var stale = $"{Path.GetRelativePath(root, app)} is out of date with notebooks/{notebook}: run ./course apps";
        Assert.True(File.Exists(app), $"{Path.GetRelativePath(root, app)} is missing: run ./course apps");
        Assert.True(File.ReadAllText(app) == expected, stale);
    }

    [Fact]
    public void EveryAppHasItsNotebook()
    {
        var root = Fixture.RepoRoot();
        var apps = Directory.Exists(Path.Combine(root, "apps")) ? Directory.GetFiles(Path.Combine(root, "apps"), "*.cs") : [];
        Assert.All(apps, app => Assert.True(File.Exists(Path.Combine(root, "notebooks", Path.GetFileNameWithoutExtension(app) + ".ipynb")),
            $"{Path.GetFileName(app)} has no notebook: delete it or restore notebooks/{Path.GetFileNameWithoutExtension(app)}.ipynb"));
    }
}
