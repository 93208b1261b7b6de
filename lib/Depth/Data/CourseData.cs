namespace Depth;

/// <summary>Finds the course's <c>data/</c> folder.</summary>
public static class CourseData
{
    /// <summary>The first <c>data/</c> folder that sits next to a <c>Course.sln</c>, walking up from the current
    /// directory, then from the source file of a file-based app (<c>apps/NN-name.cs</c>, whose build lands outside the
    /// repository), then from this assembly's location; null when none is found.</summary>
    public static string? FindDataDirectory()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.GetData("EntryPointFileDirectoryPath") as string, AppContext.BaseDirectory, Path.GetDirectoryName(typeof(CourseData).Assembly.Location) })
        {
            for (var dir = string.IsNullOrEmpty(start) ? null : new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var data = Path.Combine(dir.FullName, "data");
                if (File.Exists(Path.Combine(dir.FullName, "Course.sln")) && Directory.Exists(data))
                    return data;
            }
        }
        return null;
    }
}
