namespace Depth;

/// <summary>Where to look for Fashion-MNIST and whether to download it. Every location is configurable so
/// tests do not depend on the machine. Search order: <see cref="ExplicitPath"/> (or the <c>COURSE_DATA</c>
/// environment variable), <see cref="DataDirectory"/>, <see cref="SystemDirectory"/>, <see cref="CacheDirectory"/>,
/// then a download into the cache folder from <see cref="DownloadUrl"/>.</summary>
public sealed record FashionMnistOptions
{
    /// <summary>The environment variable naming an explicit data folder.</summary>
    public const string EnvironmentVariable = "COURSE_DATA";

    /// <summary>The upstream download location (files are "&lt;name&gt;.gz" below it).</summary>
    public const string UpstreamUrl = "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/";

    /// <summary>An explicit folder holding the four files (default: the <c>COURSE_DATA</c> environment variable).</summary>
    public string? ExplicitPath { get; init; } = Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } v ? v : null;

    /// <summary>The course's <c>data/</c> folder (default: found by walking up from the current directory and from
    /// this library's location to a folder containing <c>data/</c> next to <c>Course.sln</c>).</summary>
    public string? DataDirectory { get; init; } = CourseData.FindDataDirectory();

    /// <summary>The Debian package's folder (<c>apt-get install dataset-fashion-mnist</c>).</summary>
    public string? SystemDirectory { get; init; } = "/usr/share/datasets/fashion-mnist";

    /// <summary>A per-user cache folder, also the download target, where <c>./course data</c> puts
    /// Debian's package (default: $COURSE_CACHE, else $XDG_CACHE_HOME/deep-course or
    /// ~/.cache/deep-course, then fashion-mnist — the launcher's cache folder).</summary>
    public string CacheDirectory { get; init; } = DefaultCacheDirectory();

    /// <summary>Base URL to download from when no folder has the files; null disables the download.</summary>
    public string? DownloadUrl { get; init; } = UpstreamUrl;

    /// <summary>Network timeout of a download: for the response headers and for every wait for the
    /// next chunk of the body.</summary>
    public TimeSpan DownloadTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Receives one line per event (found, downloading, resumed); null = silent.</summary>
    public Action<string>? Log { get; init; }

    /// <summary>The folders to search, in order (missing entries skipped).</summary>
    public IEnumerable<string> SearchFolders()
    {
        if (ExplicitPath is not null) yield return ExplicitPath;
        if (DataDirectory is not null)
        {
            yield return DataDirectory;
            yield return Path.Combine(DataDirectory, "fashion-mnist");
        }
        if (SystemDirectory is not null) yield return SystemDirectory;
        yield return CacheDirectory;
    }

    private static string DefaultCacheDirectory()
    {
        if (Environment.GetEnvironmentVariable("COURSE_CACHE") is { Length: > 0 } course)
            return Path.Combine(course, "fashion-mnist");
        string root = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } x
            ? x
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return Path.Combine(root, "deep-course", "fashion-mnist");
    }
}
