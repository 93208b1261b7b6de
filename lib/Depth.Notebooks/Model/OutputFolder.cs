using System.Text.Json.Nodes;

namespace Depth.Notebooks.Model;

/// <summary>
/// The run's output folder, guarded so that sources are never overwritten: paths are compared after resolving
/// symbolic links and <c>..</c>, the folder must not hold any notebook being run, and an existing <c>.ipynb</c> is only
/// ever replaced when it is itself an executed copy (it carries <c>metadata.course.executed</c>).
/// </summary>
public static class OutputFolder
{
    /// <summary>Creates the folder if needed, checks it is writable and not a source folder; returns its full path.</summary>
    /// <exception cref="ArgumentException">The folder is a notebooks folder or a file.</exception>
    /// <exception cref="IOException">The folder cannot be created or written.</exception>
    public static string Prepare(string folder, IReadOnlyList<string> sources)
    {
        var full = Path.GetFullPath(folder);
        var real = RealPath(full);
        foreach (var source in sources)
            if (SamePath(real, RealPath(Path.GetDirectoryName(source)!)))
                throw new ArgumentException($"--out {folder} is the folder of {Path.GetFileName(source)} (resolved: {real}): executed copies never go next to their sources");
        for (var up = real; !string.IsNullOrEmpty(up); up = Path.GetDirectoryName(up))
            if (File.Exists(up))
                throw new ArgumentException(up == real ? $"--out {folder} is a file, not a folder" : $"--out {folder} lies inside {up}, which is a file");
        var probe = Path.Combine(real, $".course-write-test-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(real);
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"--out {folder} is not writable ({e.Message})", e);
        }
        return full;
    }

    /// <summary>The file a run holds locked in its output folder while it writes there.</summary>
    public const string LockFileName = ".course-run.lock";

    /// <summary>Takes the output folder for one run: an exclusive lock on <see cref="LockFileName"/> (the system's file
    /// lock, released when the process ends, however it ends).</summary>
    /// <exception cref="IOException">Another run holds the folder.</exception>
    public static IDisposable Lock(string folder)
    {
        try
        {
            return new FileStream(Path.Combine(folder, LockFileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e)
        {
            throw new IOException($"--out {folder} is in use by another ./course run: wait for it to finish or choose another --out", e);
        }
    }

    /// <summary>Marks <paramref name="executed"/> as an executed copy (which kernel made it,
    /// when), keeping what the lesson's author put in <c>metadata.course</c> (its promise on the
    /// front page, for one).</summary>
    public static void MarkExecuted(Notebook executed, string kernelVersion)
    {
        var course = executed.Metadata["course"] as JsonObject ?? new JsonObject();
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        course["executed"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", inv);
        course["kernel"] = $"Microsoft.dotnet-interactive {kernelVersion}";
        executed.Metadata["course"] = course;
    }

    /// <summary>Writes the executed copy, refusing to replace a source or any notebook that is not an executed copy.</summary>
    /// <exception cref="IOException">The target is a source notebook or a notebook that is not an executed copy.</exception>
    public static void Write(string path, Notebook executed, IReadOnlyList<string> sources)
    {
        var real = RealPath(path);
        if (sources.Any(s => SamePath(real, RealPath(s))))
            throw new IOException($"refusing to write {path}: it is the source notebook itself (resolved: {real})");
        if (File.Exists(real) && !IsExecutedCopy(real))
            throw new IOException($"refusing to overwrite {path}: it is a notebook that is not an executed copy (no metadata.course.executed)");
        executed.Save(path);
    }

    /// <summary>True when the file is a notebook this command wrote.</summary>
    public static bool IsExecutedCopy(string path)
    {
        try
        {
            return Notebook.Load(path).Metadata["course"] is JsonObject course && course.ContainsKey("executed");
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>The path with every symbolic link among its existing parts resolved (like realpath(3)).</summary>
    public static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            var info = new FileInfo(next);
            if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                next = RealPath(target.FullName);
            current = next;
        }
        return current;
    }

    private static bool SamePath(string a, string b) =>
        string.Equals(a.TrimEnd(Path.DirectorySeparatorChar), b.TrimEnd(Path.DirectorySeparatorChar),
            OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);
}
