namespace Depth.Data;

/// <summary>Finds (or downloads) the full Fashion-MNIST files, verifying each by the SHA-256 of its
/// decompressed content.</summary>
public static class FashionMnistLocator
{
    /// <summary>The path of <paramref name="file"/> ("&lt;name&gt;.gz" or "&lt;name&gt;") in the first searched folder that
    /// has it, else the downloaded copy in the cache folder.</summary>
    /// <exception cref="DatasetNotFoundException">Nowhere found and not downloadable; says where it looked and how to get it.</exception>
    public static string Locate(DataFile file, FashionMnistOptions options)
    {
        var searched = new List<string>();
        foreach (var folder in options.SearchFolders())
        {
            foreach (var candidate in new[] { Path.Combine(folder, file.Name + ".gz"), Path.Combine(folder, file.Name) })
            {
                searched.Add(candidate);
                if (File.Exists(candidate))
                {
                    options.Log?.Invoke($"found {candidate}");
                    return candidate;
                }
            }
        }
        if (options.DownloadUrl is null)
            throw NotFound(file, searched, "downloads are disabled", null);
        var url = new Uri(new Uri(options.DownloadUrl.EndsWith('/') ? options.DownloadUrl : options.DownloadUrl + "/"), file.Name + ".gz");
        string target = Path.Combine(options.CacheDirectory, file.Name + ".gz");
        searched.Add(url.ToString());
        try
        {
            Downloader.Download(url, target, part => IdxFile.Read(part, file.Sha256), options.DownloadTimeout, options.Log);
            return target;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException and not ChecksumMismatchException and not DataFormatException)
        {
            throw NotFound(file, searched, $"the download failed ({e.Message})", e);
        }
    }

    private static DatasetNotFoundException NotFound(DataFile file, List<string> searched, string why, Exception? inner)
        => new($"Fashion-MNIST file '{file.Name}.gz' is missing: {why}. Looked in:\n  " + string.Join("\n  ", searched) +
               $"\nTo get it: on Debian/Ubuntu run 'sudo apt-get install dataset-fashion-mnist' (files go to /usr/share/datasets/fashion-mnist), " +
               $"or download {FashionMnistOptions.UpstreamUrl}{file.Name}.gz into a folder and set {FashionMnistOptions.EnvironmentVariable} to it. " +
               "Lessons in quick mode run on the subset shipped in data/fashion-mnist-subset.",
               file.Name + ".gz", searched, inner);
}
