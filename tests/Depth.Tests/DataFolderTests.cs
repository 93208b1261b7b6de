using Depth;

namespace Depth.Tests;

/// <summary>The locator reads a data set from one folder only, and says what is wrong with a
/// folder.</summary>
public class DataFolderTests
{
    private static readonly DataFile Images = FashionMnistFiles.TestImages;
    private static readonly DataFile Labels = FashionMnistFiles.TestLabels;

    /// <summary>Options searching folders a (the course's data/), b (the system's) and the
    /// cache, all in <paramref name="tmp"/>; no downloads.</summary>
    private static FashionMnistOptions TwoFolders(TempFolder tmp) => new()
    {
        ExplicitPath = null, DataDirectory = tmp.File("a"), SystemDirectory = tmp.File("b"),
        CacheDirectory = tmp.File("cache"), DownloadUrl = null,
    };

    private static string Put(TempFolder tmp, string folder, DataFile file)
    {
        string path = tmp.File(Path.Combine(folder, file.Name + ".gz"));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "stand-in");
        return path;
    }

    [Fact]
    public void ADirectoryWhereAFileShouldBeIsAnErrorNamingBothFolders()
    {
        using var tmp = new TempFolder();
        Put(tmp, "a", Labels);
        var directory = tmp.File("a/" + Images.Name + ".gz");
        Directory.CreateDirectory(directory);
        Put(tmp, "b", Images);
        Put(tmp, "b", Labels);
        var e = Assert.Throws<DataFolderException>(
            () => FashionMnist.Load(Split.Test, TwoFolders(tmp)));
        Assert.StartsWith(
            $"{directory} is a directory, not a data file; {tmp.File("a")} holds Fashion-MNIST",
            e.Message);
        Assert.Contains($"({tmp.File("b")} has a copy)", e.Message);
        Assert.Equal([tmp.File("a"), tmp.File("b")], e.Folders);
        // Not a "not found" either: LoadBest must not fall back to the subset and hide it.
        Assert.Throws<DataFolderException>(
            () => FashionMnist.LoadBest(Split.Test, TwoFolders(tmp)));
    }

    [Fact]
    public void AFolderWithPartOfTheSetIsAnErrorNotMixedWithAnother()
    {
        using var tmp = new TempFolder();
        Put(tmp, "a", Labels);
        Put(tmp, "b", Images);
        Put(tmp, "b", Labels);
        var e = Assert.Throws<DataFolderException>(
            () => FashionMnistLocator.LocateAll([Images, Labels], TwoFolders(tmp)));
        Assert.Contains($"{tmp.File("a")} holds part of Fashion-MNIST ({Labels.Name}.gz) " +
                        $"but not {Images.Name}.gz", e.Message);
        Assert.Contains($"{tmp.File("b")} has a copy", e.Message);
        Assert.Equal([tmp.File("a"), tmp.File("b")], e.Folders);
    }

    [Fact]
    public void AllFilesComeFromTheFirstFolderHoldingTheSet()
    {
        using var tmp = new TempFolder();
        foreach (var f in FashionMnistFiles.All) { Put(tmp, "b", f); Put(tmp, "cache", f); }
        var paths = FashionMnistLocator.LocateAll(FashionMnistFiles.All, TwoFolders(tmp));
        Assert.All(paths, p => Assert.Equal(tmp.File("b"), Path.GetDirectoryName(p)));
    }

    [Fact]
    public void AnExplicitFolderThatDoesNotExistIsAnErrorNotAFallback()
    {
        using var tmp = new TempFolder();
        foreach (var f in FashionMnistFiles.All) Put(tmp, "b", f);
        var options = TwoFolders(tmp) with { ExplicitPath = tmp.File("typo") };
        var e = Assert.Throws<DataFolderException>(
            () => FashionMnist.LoadBest(Split.Test, options));
        Assert.Equal($"the data folder named by COURSE_DATA, {tmp.File("typo")}, does not exist " +
                     "(unset COURSE_DATA or point it at the folder with the four Fashion-MNIST " +
                     ".gz files)", e.Message);
    }

    [Fact]
    public void TheExplicitFolderCheckFindsMissingFilesDirectoriesAndWrongMagic()
    {
        using var tmp = new TempFolder();
        var options = TwoFolders(tmp) with { ExplicitPath = tmp.File("mine") };
        Directory.CreateDirectory(tmp.File("mine"));
        var missing = Assert.Throws<DataFolderException>(
            () => FashionMnistLocator.CheckExplicitFolder(options));
        Assert.Contains($"{tmp.File("mine")}, has no {FashionMnistFiles.TrainImages.Name}.gz",
            missing.Message);

        foreach (var f in FashionMnistFiles.All)
        {
            int[] shape = f.Name.Contains("idx3") ? [1, 2, 2] : [1];
            var raw = IdxFile.Encode(shape, new byte[shape.Aggregate(1, (a, d) => a * d)]);
            File.WriteAllBytes(tmp.File($"mine/{f.Name}.gz"), DataTestFiles.Gzip(raw));
        }
        FashionMnistLocator.CheckExplicitFolder(options);   // the right kinds of file: no complaint

        // Labels where the test images should be.
        string images = tmp.File($"mine/{Images.Name}.gz");
        File.Copy(tmp.File($"mine/{Labels.Name}.gz"), images, overwrite: true);
        var wrong = Assert.Throws<DataFormatException>(
            () => FashionMnistLocator.CheckExplicitFolder(options));
        Assert.Equal(images, wrong.Path);
        Assert.Contains("wrong magic number: found 0x00000801 (IDX, unsigned bytes, " +
                        "1 dimensions), expected 0x00000803", wrong.Message);

        File.Delete(images);
        Directory.CreateDirectory(images);
        var directory = Assert.Throws<DataFolderException>(
            () => FashionMnistLocator.CheckExplicitFolder(options));
        Assert.StartsWith($"{images} is a directory, not a data file", directory.Message);
    }
}

/// <summary>Tests that set process-wide environment variables run alone.</summary>
[CollectionDefinition(nameof(EnvironmentCollection), DisableParallelization = true)]
public class EnvironmentCollection;

[Collection(nameof(EnvironmentCollection))]
public class DataQuickModeTests
{
    [Fact]
    public void QuickModeChecksCourseDataWhenItIsSet()
    {
        using var tmp = new TempFolder();
        const string variable = FashionMnistOptions.EnvironmentVariable;
        string? before = Environment.GetEnvironmentVariable(variable);
        try
        {
            Environment.SetEnvironmentVariable(variable, tmp.File("nowhere"));
            var e = Assert.Throws<DataFolderException>(() => FashionMnist.LoadSubset(Split.Test));
            Assert.Contains($"COURSE_DATA, {tmp.File("nowhere")}, does not exist", e.Message);
            // An explicit subset folder is the caller's choice: no check.
            string shipped = FashionMnist.DefaultSubsetFolder();
            using var subset = FashionMnist.LoadSubset(Split.Test, shipped);
            Assert.Equal(2_000, subset.Count);
        }
        finally
        {
            Environment.SetEnvironmentVariable(variable, before);
        }
        using var unset = FashionMnist.LoadSubset(Split.Test);
        Assert.Equal(2_000, unset.Count);
    }
}
