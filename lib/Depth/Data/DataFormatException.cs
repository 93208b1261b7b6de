namespace Depth;

/// <summary>A data file is corrupt, truncated, has the wrong magic number or fails its checksum.
/// The message always names the file and what is wrong.</summary>
public sealed class DataFormatException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public DataFormatException(string path, string problem, Exception? inner = null)
        : base($"{path}: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file that is wrong.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}

/// <summary>The decompressed content of a data file does not have the expected SHA-256.</summary>
public sealed class ChecksumMismatchException : IOException
{
    /// <summary>Creates the exception for <paramref name="path"/>.</summary>
    public ChecksumMismatchException(string path, string expected, string actual)
        : base($"{path}: SHA-256 of the decompressed content is {actual}, expected {expected} (the file is damaged or is not the file it claims to be; delete it and fetch it again)")
    {
        Path = path;
        Expected = expected;
        Actual = actual;
    }

    /// <summary>The file whose checksum did not match.</summary>
    public string Path { get; }

    /// <summary>The expected SHA-256 (lower-case hex).</summary>
    public string Expected { get; }

    /// <summary>The SHA-256 actually found (lower-case hex).</summary>
    public string Actual { get; }
}

/// <summary>A data set could not be found anywhere and could not be downloaded.
/// The message says which file is missing, where it looked and how to get it.</summary>
public sealed class DatasetNotFoundException : FileNotFoundException
{
    /// <summary>Creates the exception.</summary>
    public DatasetNotFoundException(string message, string fileName, IReadOnlyList<string> searched, Exception? inner = null)
        : base(message, fileName, inner)
    {
        Searched = searched;
    }

    /// <summary>Every location that was tried, in order.</summary>
    public IReadOnlyList<string> Searched { get; }
}
