using System.IO.Compression;
using Depth;

namespace Depth.Tests;

/// <summary>Temporary folders and small IDX files for data tests.</summary>
internal sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "depth-tests-" + Guid.NewGuid().ToString("N"));
    public string File(string name) => System.IO.Path.Combine(Path, name);
    public void Dispose() { try { Directory.Delete(Path, true); } catch (IOException) { } }
}

internal static class DataTestFiles
{
    /// <summary>A 3-item 2×2 image IDX payload: bytes 0..11.</summary>
    public static byte[] SmallIdx() => IdxFile.Encode([3, 2, 2], Enumerable.Range(0, 12).Select(i => (byte)i).ToArray());

    public static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true)) gz.Write(raw);
        return ms.ToArray();
    }
}
