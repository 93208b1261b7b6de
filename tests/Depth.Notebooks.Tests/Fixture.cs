namespace Depth.Notebooks.Tests;

/// <summary>Paths of test fixtures and of the repository.</summary>
public static class Fixture
{
    /// <summary>A fixture notebook copied next to the test program.</summary>
    public static string Path(string name) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    /// <summary>The repository root: the first folder above the test program holding Course.sln.</summary>
    public static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new InvalidOperationException($"no Course.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>Writes a notebook with the given code cells to a fresh temporary folder and returns its path.</summary>
    public static string TempNotebook(string name, params string[] cells) => TempNotebook(name, cells.Select(c => (c, Array.Empty<string>())).ToArray());

    /// <summary>Writes a notebook with the given (code, tags) cells to a fresh temporary folder.</summary>
    public static string TempNotebook(string name, (string Code, string[] Tags)[] cells)
    {
        var dir = Directory.CreateTempSubdirectory("engine-test-").FullName;
        var notebook = Model.Notebook.Parse("""{"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}""");
        var i = 0;
        foreach (var (code, tags) in cells) notebook.InsertCell(i++, Model.NotebookCell.NewCode(code, tags));
        var path = System.IO.Path.Combine(dir, name + ".ipynb");
        notebook.Save(path);
        return path;
    }
}

/// <summary>Runs notebooks with the test's cancellation token.</summary>
public static class Engine
{
    /// <summary>Runs the notebook at <paramref name="path"/>.</summary>
    public static Task<Execution.NotebookResult> Run(string path, Execution.RunOptions? options = null,
        IProgress<Execution.CellProgress>? progress = null) =>
        Execution.NotebookRunner.RunAsync(path, Kernel, options, progress, TestContext.Current.CancellationToken);

    /// <summary>The real kernel: the one <c>./course</c> names in COURSE_KERNEL, else the repository's tool install.</summary>
    public static Execution.KernelCommandLine Kernel => Execution.KernelCommandLine.Find(Fixture.RepoRoot());
}
