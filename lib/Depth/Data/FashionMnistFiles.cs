namespace Depth;

/// <summary>Which half of a data set.</summary>
public enum Split
{
    /// <summary>The training set (60,000 full, 10,000 in the shipped subset).</summary>
    Train,
    /// <summary>The test set (10,000 full, 2,000 in the shipped subset).</summary>
    Test,
}

/// <summary>One Fashion-MNIST file: its name and the SHA-256 and size of its decompressed
/// content.</summary> <param name="Name">Base name without ".gz", e.g.
/// "train-images-idx3-ubyte".</param> <param name="Bytes">Decompressed size.</param>
/// <param name="Sha256">SHA-256 of the decompressed content (the Debian package's gzip bytes differ
/// from upstream, the content does not).</param>
public sealed record DataFile(string Name, long Bytes, string Sha256)
{
    /// <summary>The IDX magic number the name promises ("…-idx3-ubyte": unsigned bytes, 3
    /// dimensions, 0x00000803); null when the name does not say.</summary>
    public int? Magic
        => System.Text.RegularExpressions.Regex.Match(Name, @"-idx([1-9])-ubyte$") is
            { Success: true } m
            ? IdxFile.Magic(m.Groups[1].Value[0] - '0')
            : null;
}

/// <summary>The four files of the full Fashion-MNIST set (Xiao, Rasul &amp; Vollgraf 2017, MIT
/// licence © Zalando SE).</summary>
public static class FashionMnistFiles
{
    /// <summary>Training images, 60,000 × 28 × 28.</summary>
    public static readonly DataFile TrainImages = new("train-images-idx3-ubyte", 47_040_016, "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888");
    /// <summary>Training labels, 60,000.</summary>
    public static readonly DataFile TrainLabels = new("train-labels-idx1-ubyte", 60_008, "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9");
    /// <summary>Test images, 10,000 × 28 × 28.</summary>
    public static readonly DataFile TestImages = new("t10k-images-idx3-ubyte", 7_840_016, "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b");
    /// <summary>Test labels, 10,000.</summary>
    public static readonly DataFile TestLabels = new("t10k-labels-idx1-ubyte", 10_008, "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34");

    /// <summary>All four files.</summary>
    public static IReadOnlyList<DataFile> All => [TrainImages, TrainLabels, TestImages, TestLabels];

    /// <summary>The (images, labels) pair of a split.</summary>
    public static (DataFile Images, DataFile Labels) For(Split split)
        => split == Split.Train ? (TrainImages, TrainLabels) : (TestImages, TestLabels);

    /// <summary>The ten class names, indexed by label.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"];
}
