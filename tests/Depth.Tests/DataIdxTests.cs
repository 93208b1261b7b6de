using Depth;

namespace Depth.Tests;

public class DataIdxTests
{
    [Fact]
    public void ReadsRawAndGzipAndVerifiesDecompressedSha()
    {
        using var tmp = new TempFolder();
        var raw = DataTestFiles.SmallIdx();
        System.IO.File.WriteAllBytes(tmp.File("a"), raw);
        System.IO.File.WriteAllBytes(tmp.File("a.gz"), DataTestFiles.Gzip(raw));
        string sha = IdxFile.Sha256Hex(raw);
        foreach (var name in new[] { "a", "a.gz" })
        {
            var idx = IdxFile.Read(tmp.File(name), sha);
            Assert.Equal([3, 2, 2], idx.Dimensions);
            Assert.Equal(11, idx.Data[11]);
            Assert.Equal(sha, idx.Sha256);
        }
    }

    [Fact]
    public void ChecksumMismatchNamesFileAndBothHashes()
    {
        using var tmp = new TempFolder();
        System.IO.File.WriteAllBytes(tmp.File("x.gz"), DataTestFiles.Gzip(DataTestFiles.SmallIdx()));
        var wrong = new string('0', 64);
        var e = Assert.Throws<ChecksumMismatchException>(() => IdxFile.Read(tmp.File("x.gz"), wrong));
        Assert.Contains(tmp.File("x.gz"), e.Message);
        Assert.Contains(wrong, e.Message);
        Assert.Contains(IdxFile.Sha256Hex(DataTestFiles.SmallIdx()), e.Message);
    }

    [Fact]
    public void TruncatedGzipIsReportedWithFileName()
    {
        using var tmp = new TempFolder();
        var gz = DataTestFiles.Gzip(DataTestFiles.SmallIdx());
        System.IO.File.WriteAllBytes(tmp.File("t.gz"), gz[..(gz.Length / 2)]);
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(tmp.File("t.gz")));
        Assert.Equal(tmp.File("t.gz"), e.Path);
        Assert.Contains("gzip", e.Message);
    }

    [Fact]
    public void CorruptGzipIsReportedWithFileName()
    {
        using var tmp = new TempFolder();
        var gz = DataTestFiles.Gzip(DataTestFiles.SmallIdx());
        for (int i = 10; i < gz.Length - 8; i++) gz[i] ^= 0x5a;   // damage the deflate stream, keep the gzip header
        System.IO.File.WriteAllBytes(tmp.File("c.gz"), gz);
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(tmp.File("c.gz")));
        Assert.Contains("c.gz", e.Message);
        Assert.Contains("corrupt", e.Message);
    }

    [Fact]
    public void TruncatedDataSaysHowManyBytesWereExpected()
    {
        using var tmp = new TempFolder();
        var raw = DataTestFiles.SmallIdx();
        System.IO.File.WriteAllBytes(tmp.File("short"), raw[..^3]);
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(tmp.File("short")));
        Assert.Contains("truncated", e.Message);
        Assert.Contains($"{raw.Length:N0} expected", e.Message);
    }

    [Fact]
    public void WrongMagicIsReported()
    {
        using var tmp = new TempFolder();
        var raw = DataTestFiles.SmallIdx();
        raw[0] = 0x50;   // 'P', e.g. an HTML error page saved under the data file's name
        System.IO.File.WriteAllBytes(tmp.File("m"), raw);
        var e = Assert.Throws<DataFormatException>(() => IdxFile.Read(tmp.File("m")));
        Assert.Contains("wrong magic", e.Message);
        Assert.Contains(tmp.File("m"), e.Message);
        raw[0] = 0; raw[2] = 0x0d;   // float type: not supported
        System.IO.File.WriteAllBytes(tmp.File("m"), raw);
        Assert.Contains("type code 0x0d", Assert.Throws<DataFormatException>(() => IdxFile.Read(tmp.File("m"))).Message);
    }

    [Fact]
    public void WrongMagicSaysWrongMagicNotChecksumMismatch()
    {
        using var tmp = new TempFolder();
        var images = FashionMnistFiles.TestImages;
        // An HTML error page saved under the data file's name, and labels in the images' place.
        string pagePath = tmp.File("page.gz"), labelsPath = tmp.File("labels.gz");
        System.IO.File.WriteAllBytes(pagePath, DataTestFiles.Gzip("<html>404</html>"u8.ToArray()));
        var page = Assert.Throws<DataFormatException>(() => IdxFile.Read(pagePath, images));
        Assert.Equal(pagePath + ": wrong magic number: found 0x3c68746d (not an IDX file: an " +
                     "IDX file starts with two zero bytes), expected 0x00000803 (IDX, unsigned " +
                     "bytes, 3 dimensions)", page.Message);
        System.IO.File.WriteAllBytes(labelsPath, DataTestFiles.Gzip(IdxFile.Encode([2], [1, 2])));
        var labels = Assert.Throws<DataFormatException>(() => IdxFile.Read(labelsPath, images));
        Assert.Contains("found 0x00000801 (IDX, unsigned bytes, 1 dimensions), expected 0x00000803",
            labels.Message);
        Assert.Equal(0x0803, images.Magic);
        Assert.Equal(0x0801, FashionMnistFiles.TrainLabels.Magic);
    }

    [Fact]
    public void WriteGzipRoundTrips()
    {
        using var tmp = new TempFolder();
        var data = Enumerable.Range(0, 24).Select(i => (byte)(i * 7)).ToArray();
        string sha = IdxFile.WriteGzip(tmp.File("w.gz"), [2, 3, 4], data);
        var back = IdxFile.Read(tmp.File("w.gz"), sha);
        Assert.Equal(data, back.Data);
        Assert.Equal([2, 3, 4], back.Dimensions);
        Assert.False(System.IO.File.Exists(tmp.File("w.gz") + ".tmp-" + Environment.ProcessId));
    }
}
