using System.IO.Compression;
using System.Security.Cryptography;

namespace Depth;

/// <summary>The content of an IDX file (LeCun's MNIST format): element type, dimensions and the raw
/// bytes.</summary> <param name="TypeCode">IDX type code (0x08 = unsigned byte, the only type
/// Fashion-MNIST uses).</param> <param name="Dimensions">Sizes of each dimension, e.g. [60000, 28,
/// 28] for images, [60000] for labels.</param> <param name="Data">The elements, row-major, after
/// the header.</param> <param name="Sha256">Lower-case hex SHA-256 of the whole decompressed file
/// (header + data).</param>
public sealed record IdxData(byte TypeCode, int[] Dimensions, byte[] Data, string Sha256)
{
    /// <summary>Number of items (the first dimension).</summary>
    public int Count => Dimensions[0];
}

/// <summary>Reads and writes IDX files, gzip-compressed or raw (detected from the first two bytes).
/// Header: two zero bytes, a type code, the number of dimensions, then each dimension as a
/// big-endian int32.</summary>
public static class IdxFile
{
    /// <summary>Reads an IDX file (gzip or raw) and, when <paramref name="expectedSha256"/> is
    /// given, verifies the SHA-256 of the decompressed content. The magic number is checked first,
    /// so a file of another kind is reported as such, not as a checksum mismatch.</summary>
    /// <param name="path">The file.</param> <param name="expectedSha256">SHA-256 of the
    /// decompressed content, or null to skip the check.</param> <param name="expectedMagic">The
    /// first four bytes as a big-endian number (e.g. 0x00000803 for unsigned-byte images with 3
    /// dimensions; see <see cref="Magic"/>), or null to accept any unsigned-byte IDX file.</param>
    /// <exception cref="DataFormatException">Corrupt gzip, truncated data or a wrong magic
    /// number.</exception> <exception cref="ChecksumMismatchException">The decompressed content has
    /// another SHA-256.</exception>
    public static IdxData Read(string path, string? expectedSha256 = null,
        int? expectedMagic = null)
    {
        byte[] raw = Decompress(path);
        CheckMagic(path, raw, expectedMagic);
        string sha = Sha256Hex(raw);
        if (expectedSha256 is not null && !string.Equals(sha, expectedSha256, StringComparison.OrdinalIgnoreCase))
            throw new ChecksumMismatchException(path, expectedSha256.ToLowerInvariant(), sha);
        return Parse(path, raw, sha);
    }

    /// <summary>Reads one of a data set's files, checking its magic number and SHA-256.</summary>
    public static IdxData Read(string path, DataFile file) => Read(path, file.Sha256, file.Magic);

    /// <summary>The magic number of an unsigned-byte IDX file with <paramref name="rank"/>
    /// dimensions: bytes 00 00 08 rank, read as a big-endian int32 (0x00000801 for labels,
    /// 0x00000803 for images).</summary>
    public static int Magic(int rank) => 0x0800 | rank;

    /// <summary>Throws <see cref="DataFormatException"/> ("wrong magic number", expected vs found)
    /// unless <paramref name="raw"/> starts like an unsigned-byte IDX file (with
    /// <paramref name="expected"/>'s rank when given).</summary>
    public static void CheckMagic(string path, ReadOnlySpan<byte> raw, int? expected = null)
    {
        if (raw.Length < 4)
            throw new DataFormatException(path,
                $"truncated: {raw.Length} bytes, an IDX header needs at least 4");
        int found = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(raw);
        string wanted = expected is { } e
            ? $"0x{e:x8} ({Describe(e)})"
            : "0x000008NN (IDX, unsigned bytes, NN dimensions)";
        bool ok = expected is { } x ? found == x : (found & ~0xff) == 0x0800 && (found & 0xff) > 0;
        if (!ok)
            throw new DataFormatException(path,
                $"wrong magic number: found 0x{found:x8} ({Describe(found)}), expected {wanted}");
    }

    private static string Describe(int magic) => (magic >> 16) != 0
        ? "not an IDX file: an IDX file starts with two zero bytes"
        : (magic >> 8) != 0x08
            ? $"IDX with type code 0x{(magic >> 8) & 0xff:x2}; only 0x08, unsigned bytes, " +
              "is supported"
            : $"IDX, unsigned bytes, {magic & 0xff} dimensions";

    /// <summary>The decompressed bytes of <paramref name="path"/> (gzip detected by its magic 1F
    /// 8B).</summary>
    public static byte[] Decompress(string path)
    {
        byte[] file;
        try { file = File.ReadAllBytes(path); }
        catch (FileNotFoundException e) { throw new DataFormatException(path, "file not found", e); }
        if (file.Length >= 2 && file[0] == 0x1f && file[1] == 0x8b)
        {
            try
            {
                // The gzip trailer ends with the content's length mod 2^32 (RFC 1952): decompress straight into an
                // array of that size (a growing MemoryStream and its copy held 3× the 47 MB of the training images),
                // and a stream cut short, or longer than it says, fails the check.
                uint isize = file.Length < 18 ? 0 : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(file.Length - 4));
                bool plausible = file.Length >= 18 && isize <= Math.Min(int.MaxValue - 64L, 1100L * file.Length);   // deflate: at most ~1032:1
                var content = new byte[plausible ? isize : 0];
                using var gz = new GZipStream(new MemoryStream(file), CompressionMode.Decompress);
                long decompressed = gz.ReadAtLeast(content, content.Length, throwOnEndOfStream: false);
                var rest = new byte[81920];
                for (int n; (n = gz.Read(rest)) > 0;) decompressed += n;
                if (!plausible || decompressed != content.Length)
                    throw new DataFormatException(path, $"truncated or corrupt gzip stream: decompressed {decompressed:N0} bytes, the gzip trailer says {isize:N0}");
                return content;
            }
            catch (InvalidDataException e)
            {
                throw new DataFormatException(path, $"corrupt or truncated gzip stream ({e.Message})", e);
            }
            catch (EndOfStreamException e)
            {
                throw new DataFormatException(path, "truncated gzip stream", e);
            }
        }
        return file;
    }

    /// <summary>Lower-case hex SHA-256 of <paramref name="bytes"/>.</summary>
    public static string Sha256Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    /// <summary>Parses decompressed IDX bytes; <paramref name="path"/> is used in error messages
    /// only.</summary>
    public static IdxData Parse(string path, byte[] raw, string? sha256 = null)
    {
        CheckMagic(path, raw);
        byte type = raw[2];
        int rank = raw[3];
        int header = 4 + 4 * rank;
        if (raw.Length < header)
            throw new DataFormatException(path, $"truncated header: {raw.Length} bytes, {header} expected for {rank} dimensions");
        var dims = new int[rank];
        long count = 1;
        for (int i = 0; i < rank; i++)
        {
            int d = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(raw.AsSpan(4 + 4 * i));
            if (d < 0) throw new DataFormatException(path, $"dimension {i} is negative ({d})");
            dims[i] = d;
            count *= d;
        }
        long expected = header + count;
        if (raw.Length < expected)
            throw new DataFormatException(path, $"truncated: {raw.Length:N0} bytes, {expected:N0} expected for dimensions [{string.Join(", ", dims)}]");
        if (raw.Length > expected)
            throw new DataFormatException(path, $"{raw.Length - expected:N0} unexpected bytes after the data (dimensions [{string.Join(", ", dims)}])");
        return new IdxData(type, dims, raw.AsSpan(header).ToArray(), sha256 ?? Sha256Hex(raw));
    }

    /// <summary>The IDX encoding (unsigned byte) of <paramref name="data"/> with
    /// <paramref name="dimensions"/>.</summary>
    public static byte[] Encode(int[] dimensions, ReadOnlySpan<byte> data)
    {
        long count = dimensions.Aggregate(1L, (a, d) => a * d);
        if (count != data.Length) throw new ArgumentException($"dimensions [{string.Join(", ", dimensions)}] need {count} bytes, got {data.Length}");
        var raw = new byte[4 + 4 * dimensions.Length + data.Length];
        raw[2] = 0x08;
        raw[3] = (byte)dimensions.Length;
        for (int i = 0; i < dimensions.Length; i++)
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(raw.AsSpan(4 + 4 * i), dimensions[i]);
        data.CopyTo(raw.AsSpan(4 + 4 * dimensions.Length));
        return raw;
    }

    /// <summary>Writes <paramref name="data"/> as a gzip-compressed IDX file (atomically: temp
    /// file, then rename) and returns the SHA-256 of the decompressed content.</summary>
    public static string WriteGzip(string path, int[] dimensions, ReadOnlySpan<byte> data)
    {
        byte[] raw = Encode(dimensions, data);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        string tmp = path + ".tmp-" + Environment.ProcessId;
        using (var fs = File.Create(tmp))
        using (var gz = new GZipStream(fs, CompressionLevel.SmallestSize))
            gz.Write(raw);
        File.Move(tmp, path, overwrite: true);
        return Sha256Hex(raw);
    }
}
