namespace Depth;

/// <summary>A download received no data for its timeout in the middle of the body. The bytes
/// received so far are kept in the ".part" file, and the next download of the same file resumes
/// from them.</summary>
public sealed class DownloadStalledException : IOException
{
    /// <summary>Creates the exception.</summary>
    public DownloadStalledException(Uri url, string partFile, long bytesKept, TimeSpan timeout,
        Exception? inner = null)
        : base($"{url}: no data for {timeout.TotalSeconds:0.#} s after {bytesKept:N0} bytes, so " +
               $"the download stopped; the {bytesKept:N0} bytes are kept in {partFile} and the " +
               "next attempt resumes from there", inner)
    {
        Url = url;
        PartFile = partFile;
        BytesKept = bytesKept;
    }

    /// <summary>What was being downloaded.</summary>
    public Uri Url { get; }

    /// <summary>The partial file kept for resuming.</summary>
    public string PartFile { get; }

    /// <summary>Its length: the bytes received before the stall (including any resumed
    /// ones).</summary>
    public long BytesKept { get; }
}
