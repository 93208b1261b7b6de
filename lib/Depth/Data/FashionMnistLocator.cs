using System.IO.Compression;

namespace Depth;

/// <summary>Finds (or downloads) the full Fashion-MNIST files, verifying each by the SHA-256 of its
/// decompressed content. All files come from one folder: the first searched folder that holds any
/// of the set (a file or a directory under a data file's name). A file missing there, or a
/// directory in its place, is an error naming the folders involved, never a silent fallback to
/// another folder, so data are never mixed from two folders.</summary>
public static class FashionMnistLocator
{
    /// <summary>The path of <paramref name="file"/> ("&lt;name&gt;.gz" or "&lt;name&gt;") in the
    /// folder holding the set, else the downloaded copy in the cache folder.</summary>
    /// <exception cref="DatasetNotFoundException">Nowhere found and not downloadable; says where it
    /// looked and how to get it.</exception> <exception cref="DataFolderException">The folder
    /// holding the set lacks the file or has a directory in its place, or the explicit folder
    /// (<c>COURSE_DATA</c>) is unusable.</exception>
    public static string Locate(DataFile file, FashionMnistOptions options)
        => LocateAll([file], options)[0];

    /// <summary>The paths of <paramref name="files"/>, all from the same folder (see the
    /// class).</summary> <inheritdoc cref="Locate" path="/exception"/>
    public static IReadOnlyList<string> LocateAll(IReadOnlyList<DataFile> files,
        FashionMnistOptions options)
    {
        CheckExplicitFolder(options, files, checkMagic: false);
        var set = FashionMnistFiles.All.Concat(files).DistinctBy(f => f.Name).ToList();
        var folders = options.SearchFolders().Distinct().ToList();
        var searched = new List<string>();
        for (int i = 0; i < folders.Count; i++)
        {
            string folder = folders[i];
            var present = set.Where(f => Entry(folder, f) is not null).ToList();
            if (present.Count == 0)
            {
                searched.AddRange(files.Select(f => Path.Combine(folder, f.Name + ".gz")));
                continue;
            }
            var later = folders.Skip(i + 1).ToList();
            return files.Select(f => InFolder(f, folder, present, later, options, searched))
                .ToList();
        }
        return files.Select(f => Download(f, options, searched)).ToList();
    }

    /// <summary>When an explicit data folder is set
    /// (<see cref="FashionMnistOptions.ExplicitPath"/>, by default the <c>COURSE_DATA</c>
    /// environment variable), checks that it is a folder holding the four files as files, and with
    /// <paramref name="checkMagic"/> that each starts with the IDX magic number its name promises
    /// (a quick check: the full SHA-256 is verified when a file is loaded). Quick mode calls this
    /// although it reads the shipped subset, so a wrong setting is found in the first
    /// run.</summary> <exception cref="DataFolderException">The folder is missing, incomplete or
    /// has a directory in a file's place.</exception> <exception cref="DataFormatException">A file
    /// is not what its name says (with <paramref name="checkMagic"/>).</exception>
    public static void CheckExplicitFolder(FashionMnistOptions options,
        IReadOnlyList<DataFile>? files = null, bool checkMagic = true)
    {
        if (options.ExplicitPath is not { } folder) return;
        const string variable = FashionMnistOptions.EnvironmentVariable;
        string setting = $"the data folder named by {variable}, {folder},";
        if (!Directory.Exists(folder))
            throw new DataFolderException(
                $"{setting} does not exist (unset {variable} or point it at the folder with " +
                "the four Fashion-MNIST .gz files)", [folder]);
        foreach (var file in files ?? FashionMnistFiles.All)
        {
            string path = Entry(folder, file) ?? throw new DataFolderException(
                $"{setting} has no {file.Name}.gz (nor {file.Name}); it must hold all four " +
                $"Fashion-MNIST files: {Names(FashionMnistFiles.All)}", [folder]);
            if (Directory.Exists(path))
                throw new DataFolderException(
                    $"{path} is a directory, not a data file ({setting} must hold the file itself)",
                    [folder]);
            if (checkMagic) IdxFile.CheckMagic(path, Head(path), file.Magic);
        }
    }

    private static string InFolder(DataFile file, string folder, List<DataFile> present,
        List<string> later, FashionMnistOptions options, List<string> searched)
    {
        string? entry = Entry(folder, file);
        string? other = later.FirstOrDefault(l => Entry(l, file) is { } e && File.Exists(e));
        string copy = other is null ? "no later folder has it either" : $"{other} has a copy";
        string[] named = other is null ? [folder] : [folder, other];
        if (entry is not null && Directory.Exists(entry))
            throw new DataFolderException(
                $"{entry} is a directory, not a data file; {folder} holds Fashion-MNIST " +
                $"({Names(present)}), so every file is read from there, never mixed with another " +
                $"folder ({copy}): replace the directory with the file or remove {folder}'s copy " +
                "of the set", named);
        if (entry is not null)
        {
            options.Log?.Invoke($"found {entry}");
            return entry;
        }
        if (Same(folder, options.CacheDirectory))
            return Download(file, options, searched);   // the cache is filled file by file
        throw new DataFolderException(
            $"{folder} holds part of Fashion-MNIST ({Names(present)}) but not {file.Name}.gz; " +
            $"files are never mixed from two folders ({copy}): add the missing file to {folder} " +
            "or remove its partial copy", named);
    }

    private static string Download(DataFile file, FashionMnistOptions options,
        List<string> searched)
    {
        if (options.DownloadUrl is null)
            throw NotFound(file, searched, "downloads are disabled", null);
        string root = options.DownloadUrl.TrimEnd('/') + "/";
        var url = new Uri(new Uri(root), file.Name + ".gz");
        string target = Path.Combine(options.CacheDirectory, file.Name + ".gz");
        searched.Add(url.ToString());
        try
        {
            Downloader.Download(url, target, part => IdxFile.Read(part, file),
                options.DownloadTimeout, options.Log);
            return target;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException
            or IOException and not ChecksumMismatchException and not DataFormatException)
        {
            throw NotFound(file, searched, $"the download failed ({e.Message})", e);
        }
    }

    /// <summary>The file or directory standing under the file's name in <paramref name="folder"/>
    /// ("&lt;name&gt;.gz" first, then "&lt;name&gt;"), or null.</summary>
    private static string? Entry(string folder, DataFile file)
        => new[] { file.Name + ".gz", file.Name }.Select(n => Path.Combine(folder, n))
            .FirstOrDefault(p => File.Exists(p) || Directory.Exists(p));

    /// <summary>The first bytes of the decompressed content (enough for the IDX magic
    /// number).</summary>
    private static byte[] Head(string path)
    {
        using var stream = File.OpenRead(path);
        Span<byte> sig = stackalloc byte[2];
        int n = stream.Read(sig);
        stream.Position = 0;
        using Stream content = n == 2 && sig[0] == 0x1f && sig[1] == 0x8b
            ? new GZipStream(stream, CompressionMode.Decompress)
            : stream;
        var head = new byte[4];
        int read;
        try { read = content.ReadAtLeast(head, 4, throwOnEndOfStream: false); }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"corrupt gzip stream ({e.Message})", e);
        }
        return head[..read];
    }

    private static bool Same(string a, string b)
        => Path.GetFullPath(a).TrimEnd('/') == Path.GetFullPath(b).TrimEnd('/');

    private static string Names(IEnumerable<DataFile> files)
        => string.Join(", ", files.Select(f => f.Name + ".gz"));

    private static DatasetNotFoundException NotFound(DataFile file, List<string> searched, string why, Exception? inner)
        => new($"Fashion-MNIST file '{file.Name}.gz' is missing: {why}. Looked in:\n  " +
               string.Join("\n  ", searched) +
               "\nTo get it: on Debian/Ubuntu run './course data' (it fetches the " +
               "dataset-fashion-mnist package into the cache, no root needed), or download " +
               $"{FashionMnistOptions.UpstreamUrl}{file.Name}.gz into a folder and set " +
               $"{FashionMnistOptions.EnvironmentVariable} to it. " +
               "Lessons in quick mode run on the subset shipped in data/fashion-mnist-subset.",
               file.Name + ".gz", searched, inner);
}
