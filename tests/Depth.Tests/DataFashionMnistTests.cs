using Depth;

namespace Depth.Tests;

public class DataFashionMnistTests
{
    internal const string SystemFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>Options that see the full set where it is installed: the Debian package's folder or
    /// the course's cache (where <c>./course test</c> fetches the package when the system lacks
    /// it).</summary>
    internal static FashionMnistOptions SystemOnly => new()
    {
        ExplicitPath = null, DataDirectory = null, SystemDirectory = SystemFolder,
        DownloadUrl = null,
    };

    private const string NotInstalled =
        "full Fashion-MNIST neither installed nor fetched by ./course";

    internal static bool FullSetAvailable
    {
        get
        {
            try
            {
                return FashionMnistLocator.LocateAll(FashionMnistFiles.All, SystemOnly).Count > 0;
            }
            catch (IOException) { return false; }
        }
    }

    [Fact]
    public void FullTestSplitLoadsWithShapesScaleAndBalancedClasses()
    {
        Assert.SkipUnless(FullSetAvailable, NotInstalled);
        using var test = FashionMnist.Load(Split.Test, SystemOnly);
        Assert.Equal(new long[] { 10_000, 1, 28, 28 }, test.Inputs.shape);
        Assert.Equal(TorchSharp.torch.ScalarType.Float32, test.Inputs.dtype);
        Assert.InRange(test.Inputs.max().item<float>(), 0.99f, 1f);
        Assert.Equal(0f, test.Inputs.min().item<float>());
        Assert.All(test.ClassCounts(), c => Assert.Equal(1000, c));
        Assert.Equal("Ankle boot", test.ClassNames[9]);
    }

    [Fact]
    public void ShippedSubsetLoadsVerifiedAndStratified()
    {
        using var train = FashionMnist.LoadSubset(Split.Train);
        using var test = FashionMnist.LoadSubset(Split.Test);
        Assert.Equal(new long[] { 10_000, 1, 28, 28 }, train.Inputs.shape);
        Assert.All(train.ClassCounts(), c => Assert.Equal(FashionMnist.SubsetPerClass.Train, c));
        Assert.All(test.ClassCounts(), c => Assert.Equal(FashionMnist.SubsetPerClass.Test, c));
    }

    [Fact]
    public void ShippedSubsetWithADamagedFileFailsItsManifestCheck()
    {
        using var tmp = new TempFolder();
        foreach (var f in Directory.GetFiles(FashionMnist.DefaultSubsetFolder())) File.Copy(f, tmp.File(Path.GetFileName(f)));
        var labels = tmp.File("t10k-labels-idx1-ubyte.gz");
        var raw = IdxFile.Decompress(labels);
        raw[^1] = (byte)((raw[^1] + 1) % 10);   // relabel one example
        File.WriteAllBytes(labels, DataTestFiles.Gzip(raw));
        var e = Assert.Throws<ChecksumMismatchException>(() => FashionMnist.LoadSubset(Split.Test, tmp.Path));
        Assert.Equal(labels, e.Path);
    }

    [Fact]
    public void RegeneratingTheSubsetReproducesTheShippedChecksums()
    {
        Assert.SkipUnless(FullSetAvailable, NotInstalled);
        using var tmp = new TempFolder();
        var lines = FashionMnist.WriteSubset(tmp.Path, SystemOnly);
        var shipped = File.ReadAllLines(Path.Combine(FashionMnist.DefaultSubsetFolder(), FashionMnist.ManifestName)).Where(l => !l.StartsWith('#')).ToArray();
        Assert.Equal(shipped, lines.Select(l => $"{l.Sha256}  {l.File}").ToArray());
    }

    /// <summary>Writes the shipped subset into data/ — run explicitly: COURSE_WRITE_SUBSET=1 and -method "*WriteShippedSubset*".</summary>
    [Fact]
    public void WriteShippedSubset()
    {
        Assert.SkipUnless(Environment.GetEnvironmentVariable("COURSE_WRITE_SUBSET") == "1", "set COURSE_WRITE_SUBSET=1 to regenerate data/fashion-mnist-subset");
        var folder = Path.Combine(CourseData.FindDataDirectory()!, FashionMnist.SubsetFolderName);
        var lines = FashionMnist.WriteSubset(folder, SystemOnly);
        Assert.Equal(4, lines.Count);
    }

    [Fact]
    public void LoadBestFallsBackToTheSubsetAndSaysSo()
    {
        var none = SystemOnly with
        {
            SystemDirectory = null,
            CacheDirectory = Path.Combine(Path.GetTempPath(), "depth-tests-nocache"),
        };
        var (data, source) = FashionMnist.LoadBest(Split.Test, none);
        using (data)
        {
            Assert.Equal(DataSource.Subset, source);
            Assert.Equal(2_000, data.Count);
        }
        Assert.SkipUnless(FullSetAvailable, "full set not installed");
        var (full, fullSource) = FashionMnist.LoadBest(Split.Test, SystemOnly);
        using (full) Assert.Equal((DataSource.Full, 10_000), (fullSource, full.Count));
    }

    [Fact]
    public void SubsetAndBinaryAreDeterministicAndRelabel()
    {
        using var test = FashionMnist.LoadSubset(Split.Test);
        using var a = test.Subset(20, seed: 7);
        using var b = test.Subset(20, seed: 7);
        using var c = test.Subset(20, seed: 8);
        Assert.Equal(200, a.Count);
        Assert.All(a.ClassCounts(), n => Assert.Equal(20, n));
        Assert.Equal(a.TargetsAsLabels(), b.TargetsAsLabels());
        Assert.True(a.Inputs.allclose(b.Inputs, 0, 0));
        Assert.False(a.Inputs.allclose(c.Inputs, 0, 0));
        using var bin = test.Binary(0, 9);
        Assert.Equal(400, bin.Count);
        Assert.Equal([200, 200], bin.ClassCounts());
        Assert.Equal(["T-shirt/top", "Ankle boot"], bin.ClassNames);
    }
}
