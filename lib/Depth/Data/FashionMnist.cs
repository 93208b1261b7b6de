using static TorchSharp.torch;

namespace Depth;

/// <summary>Where a loaded Fashion-MNIST split came from.</summary>
public enum DataSource
{
    /// <summary>The full 60,000 / 10,000 set.</summary>
    Full,
    /// <summary>The stratified subset shipped in <c>data/fashion-mnist-subset</c> (10,000 /
    /// 2,000).</summary>
    Subset,
}

/// <summary>Fashion-MNIST (Xiao, Rasul &amp; Vollgraf 2017, arXiv:1708.07747; MIT licence © Zalando
/// SE): 28×28 grey-scale images of 10 clothing classes. Images load as float32 [N, 1, 28, 28]
/// scaled to [0, 1] (pixel / 255, no mean/std normalisation); labels as int64 [N].</summary>
public static class FashionMnist
{
    /// <summary>Name of the shipped subset's folder inside <c>data/</c>.</summary>
    public const string SubsetFolderName = "fashion-mnist-subset";

    /// <summary>Name of the subset's checksum manifest (sha256sum format, decompressed
    /// content).</summary>
    public const string ManifestName = "SHA256SUMS";

    /// <summary>First line of the manifest: the hashes are of the decompressed content.</summary>
    public const string ManifestHeader = "# SHA-256 of the DECOMPRESSED content of each file (check: zcat FILE | sha256sum)";

    /// <summary>Seed of the shipped subset.</summary>
    public const long SubsetSeed = 20170825;

    /// <summary>Examples per class in the shipped subset: train, test.</summary>
    public static readonly (int Train, int Test) SubsetPerClass = (1000, 200);

    /// <summary>Loads a split of the full set, located as <see cref="FashionMnistOptions"/>
    /// describes and verified by SHA-256.</summary>
    public static Dataset Load(Split split, FashionMnistOptions? options = null)
    {
        options ??= new FashionMnistOptions();
        var (images, labels) = FashionMnistFiles.For(split);
        var paths = FashionMnistLocator.LocateAll([images, labels], options);
        string imagePath = paths[0], labelPath = paths[1];
        var data = FromIdx($"Fashion-MNIST {split.ToString().ToLowerInvariant()}",
            imagePath, IdxFile.Read(imagePath, images), labelPath, IdxFile.Read(labelPath, labels));
        // The reader's managed arrays (the compressed file, the decompressed bytes, the pixels: about 120 MB for the
        // training images) are garbage now, on the large-object heap, which only a full collection frees. Without one
        // here they stay resident until the next, which in lesson 08 comes after the 10,000-layer CNN's first step
        // has set the lesson's peak (138 MB higher).
        GC.Collect();
        return data;
    }

    /// <summary>Loads a split of the shipped subset from <paramref name="folder"/> (default:
    /// <c>data/fashion-mnist-subset</c>), verified against its <c>SHA256SUMS</c> manifest. With the
    /// default folder (the lessons' quick mode) a set <c>COURSE_DATA</c> is checked too (see
    /// <see cref="FashionMnistLocator.CheckExplicitFolder"/>), so a wrong setting is an error in
    /// quick mode as well, not a surprise in the first full run.</summary>
    public static Dataset LoadSubset(Split split, string? folder = null)
    {
        if (folder is null)
            FashionMnistLocator.CheckExplicitFolder(new FashionMnistOptions { DownloadUrl = null });
        folder ??= DefaultSubsetFolder();
        var manifest = ReadManifest(Path.Combine(folder, ManifestName));
        var (images, labels) = FashionMnistFiles.For(split);
        string imagePath = Path.Combine(folder, images.Name + ".gz"), labelPath = Path.Combine(folder, labels.Name + ".gz");
        return FromIdx($"Fashion-MNIST {split.ToString().ToLowerInvariant()} (shipped subset)",
            imagePath,
            IdxFile.Read(imagePath, Expected(manifest, imagePath, images.Name), images.Magic),
            labelPath,
            IdxFile.Read(labelPath, Expected(manifest, labelPath, labels.Name), labels.Magic));
    }

    /// <summary>The best available source: the full set when it can be found locally (no download
    /// is attempted unless <paramref name="options"/> allows one), else the shipped subset. Returns
    /// which one it used.</summary>
    public static (Dataset Data, DataSource Source) LoadBest(Split split, FashionMnistOptions? options = null, string? subsetFolder = null)
    {
        options ??= new FashionMnistOptions { DownloadUrl = null };
        try
        {
            return (Load(split, options), DataSource.Full);
        }
        catch (DatasetNotFoundException e)
        {
            options.Log?.Invoke($"full Fashion-MNIST not available ({e.FileName}); using the shipped subset");
            return (LoadSubset(split, subsetFolder), DataSource.Subset);
        }
    }

    /// <summary>A lesson's data: in quick mode the shipped subset; otherwise the full set when it
    /// can be found locally (<see cref="LoadBest"/>), its test split from the same source.</summary>
    /// <param name="quick">The lesson's quick mode.</param>
    /// <param name="options">Where to look for the full set (no download unless it allows one).</param>
    public static (Dataset Train, Dataset Test, DataSource Source) Lesson(bool quick,
        FashionMnistOptions? options = null)
    {
        if (quick) return (LoadSubset(Split.Train), LoadSubset(Split.Test), DataSource.Subset);
        var (train, source) = LoadBest(Split.Train, options);
        var test = source == DataSource.Full
            ? Load(Split.Test, options ?? new FashionMnistOptions { DownloadUrl = null })
            : LoadSubset(Split.Test);
        return (train, test, source);
    }

    /// <summary>Writes the deterministic stratified subset (per class:
    /// <paramref name="trainPerClass"/> train, <paramref name="testPerClass"/> test, chosen by
    /// <see cref="Dataset.StratifiedIndices"/> with <paramref name="seed"/>) of the full set into
    /// <paramref name="folder"/> as gzip IDX files plus a <c>SHA256SUMS</c> manifest of the
    /// decompressed content. Returns the manifest lines (sha256, file name).</summary>
    public static IReadOnlyList<(string Sha256, string File)> WriteSubset(string folder, FashionMnistOptions? options = null,
        int? trainPerClass = null, int? testPerClass = null, long seed = SubsetSeed)
    {
        options ??= new FashionMnistOptions();
        var lines = new List<(string, string)>();
        foreach (var (split, perClass) in new[] { (Split.Train, trainPerClass ?? SubsetPerClass.Train), (Split.Test, testPerClass ?? SubsetPerClass.Test) })
        {
            var (imagesFile, labelsFile) = FashionMnistFiles.For(split);
            var paths = FashionMnistLocator.LocateAll([imagesFile, labelsFile], options);
            var images = IdxFile.Read(paths[0], imagesFile);
            var labels = IdxFile.Read(paths[1], labelsFile);
            var chosen = Dataset.StratifiedIndices(labels.Data.Select(b => (long)b).ToArray(), perClass, seed);
            int pixels = images.Dimensions[1] * images.Dimensions[2];
            var imageBytes = new byte[chosen.Length * pixels];
            var labelBytes = new byte[chosen.Length];
            for (int i = 0; i < chosen.Length; i++)
            {
                images.Data.AsSpan((int)chosen[i] * pixels, pixels).CopyTo(imageBytes.AsSpan(i * pixels));
                labelBytes[i] = labels.Data[chosen[i]];
            }
            lines.Add((IdxFile.WriteGzip(Path.Combine(folder, imagesFile.Name + ".gz"), [chosen.Length, images.Dimensions[1], images.Dimensions[2]], imageBytes), imagesFile.Name + ".gz"));
            lines.Add((IdxFile.WriteGzip(Path.Combine(folder, labelsFile.Name + ".gz"), [chosen.Length], labelBytes), labelsFile.Name + ".gz"));
        }
        File.WriteAllLines(Path.Combine(folder, ManifestName),
            [ManifestHeader, .. lines.Select(l => $"{l.Item1}  {l.Item2}")]);
        return lines;
    }

    /// <summary>The shipped subset's folder: <c>data/fashion-mnist-subset</c>.</summary>
    public static string DefaultSubsetFolder()
        => CourseData.FindDataDirectory() is { } data
            ? Path.Combine(data, SubsetFolderName)
            : throw new DirectoryNotFoundException($"the course's data/ folder was not found (looked upwards from {Directory.GetCurrentDirectory()} and {AppContext.BaseDirectory} for a folder with Course.sln and data/); pass the subset folder explicitly");

    private static Dictionary<string, string> ReadManifest(string path)
    {
        if (!File.Exists(path)) throw new DataFormatException(path, "checksum manifest not found");
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path).Where(l => l.Trim().Length > 0 && !l.StartsWith('#')))
        {
            var parts = line.Split(' ', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length != 64)
                throw new DataFormatException(path, $"malformed manifest line '{line}' (expected '<sha256>  <file>')");
            map[parts[1].TrimStart('*')] = parts[0];
        }
        return map;
    }

    private static string Expected(Dictionary<string, string> manifest, string path, string name)
        => manifest.TryGetValue(name + ".gz", out var sha) ? sha
           : throw new DataFormatException(path, $"no entry for {name}.gz in the {ManifestName} manifest");

    private static Dataset FromIdx(string name, string imagePath, IdxData images, string labelPath, IdxData labels)
    {
        if (images.Dimensions.Length != 3 || images.Dimensions[1] != 28 || images.Dimensions[2] != 28)
            throw new DataFormatException(imagePath, $"expected images of shape [N, 28, 28], found [{string.Join(", ", images.Dimensions)}]");
        if (labels.Dimensions.Length != 1)
            throw new DataFormatException(labelPath, $"expected labels of shape [N], found [{string.Join(", ", labels.Dimensions)}]");
        if (labels.Count != images.Count)
            throw new DataFormatException(labelPath, $"{labels.Count} labels for {images.Count} images in {imagePath}");
        if (labels.Data.FirstOrDefault(l => l >= 10) is var bad && bad >= 10)
            throw new DataFormatException(labelPath, $"label {bad} outside 0..9");
        using var scope = NewDisposeScope();
        var x = tensor(images.Data, ScalarType.Byte).reshape(images.Count, 1, 28, 28).to_type(ScalarType.Float32).div_(255f);
        var y = tensor(labels.Data, ScalarType.Byte).to_type(ScalarType.Int64);
        return new Dataset(name, x, y, FashionMnistFiles.ClassNames);
    }
}
