namespace Depth.Cli;

/// <summary>Finds the notebooks a command works on.</summary>
public static class NotebookPaths
{
    /// <summary>The course's notebooks folder under <paramref name="root"/>.</summary>
    public static string Folder(string root) => Path.Combine(root, "notebooks");

    /// <summary>
    /// Resolves arguments (paths, or names like <c>01-parameters</c> looked up in notebooks/) to full paths;
    /// no arguments means every <c>notebooks/*.ipynb</c> in name order.
    /// </summary>
    public static IReadOnlyList<string> Resolve(string root, IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0)
        {
            var folder = Folder(root);
            return Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.ipynb").Order(StringComparer.Ordinal).ToList()
                : [];
        }
        return arguments.Select(a =>
        {
            foreach (var candidate in new[] { a, Path.Combine(root, a), Path.Combine(Folder(root), a), Path.Combine(Folder(root), a + ".ipynb") })
                if (File.Exists(candidate) && candidate.EndsWith(".ipynb", StringComparison.OrdinalIgnoreCase)) return Path.GetFullPath(candidate);
            throw new FileNotFoundException($"no notebook '{a}' (tried it as a path and as a name in {Folder(root)})");
        }).ToList();
    }
}
