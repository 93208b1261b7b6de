using System.Reflection;
using System.Text.Json.Nodes;
using System.Xml.Linq;

namespace Depth.Notebooks.Execution;

/// <summary>
/// The NuGet packages a notebook may reference with <c>#r "nuget: Name, Version"</c>: the
/// <c>Notebook packages</c> group of the course's Directory.Packages.props (embedded in this assembly),
/// resolved to the assembly files this process already ships (read from the app's deps.json).
/// </summary>
public sealed class PackageCatalog
{
    /// <summary>The ItemGroup label in Directory.Packages.props that lists notebook packages.</summary>
    public const string NotebookGroupLabel = "Notebook packages";

    private readonly JsonObject? targets;
    private readonly Dictionary<string, string> pinned;

    private PackageCatalog(Dictionary<string, string> pinned, JsonObject? targets)
    {
        this.pinned = pinned;
        this.targets = targets;
    }

    /// <summary>Pinned notebook packages: name → version (case-insensitive names).</summary>
    public IReadOnlyDictionary<string, string> Pinned => pinned;

    /// <summary>The catalog of this process: embedded props, the entry app's deps.json.</summary>
    public static PackageCatalog Current { get; } = Create();

    private static PackageCatalog Create()
    {
        using var stream = typeof(PackageCatalog).Assembly.GetManifestResourceStream("Directory.Packages.props")
                           ?? throw new InvalidOperationException("Directory.Packages.props is not embedded in Depth.Notebooks");
        return new PackageCatalog(ParsePins(XDocument.Load(stream)), LoadTargets());
    }

    /// <summary>Reads the <c>PackageVersion</c> items of the notebook-packages group.</summary>
    public static Dictionary<string, string> ParsePins(XDocument props)
    {
        var group = props.Descendants("ItemGroup").FirstOrDefault(g => (string?)g.Attribute("Label") == NotebookGroupLabel)
                    ?? throw new InvalidOperationException($"Directory.Packages.props has no ItemGroup labelled '{NotebookGroupLabel}'");
        return group.Elements("PackageVersion").ToDictionary(
            e => (string?)e.Attribute("Include") ?? throw new InvalidOperationException("a PackageVersion has no Include"),
            e => (string?)e.Attribute("Version") ?? throw new InvalidOperationException("a PackageVersion has no Version"),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Checks a reference against the pins and returns the package's assembly files (the package and its
    /// dependencies); throws <see cref="DirectiveException"/> naming the problem. A null version takes the pinned one.
    /// Packages needed only by the real kernel (Plotly.NET.Interactive) resolve to no files.
    /// </summary>
    public IReadOnlyList<string> Resolve(string name, string? version)
    {
        if (!pinned.TryGetValue(name, out var pin))
            throw new DirectiveException($"package '{name}' is not one of the course's pinned notebook packages ({string.Join(", ", pinned.Select(p => $"{p.Key} {p.Value}"))})");
        if (version is not null && version != pin)
            throw new DirectiveException($"package '{name}' version {version} differs from the pinned version {pin} (Directory.Packages.props)");
        var key = targets?.Select(t => t.Key).FirstOrDefault(k => string.Equals(k, $"{name}/{pin}", StringComparison.OrdinalIgnoreCase));
        if (key is null)
        {
            if (KernelOnly.Contains(name)) return [];
            throw new DirectiveException($"package '{name} {pin}' is pinned but not shipped with this engine (missing from {DepsFile() ?? "the app's deps.json"})");
        }
        var files = new List<string>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var queue = new Queue<string>([key]);
        while (queue.Count > 0)
        {
            var library = queue.Dequeue();
            if (!seen.Add(library) || targets![library] is not JsonObject entry) continue;
            if (entry["runtime"] is JsonObject runtime)
                foreach (var (file, _) in runtime)
                    if (file.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
                    {
                        var path = Path.Combine(AppContext.BaseDirectory, Path.GetFileName(file));
                        if (File.Exists(path)) files.Add(path);
                    }
            if (entry["dependencies"] is JsonObject dependencies)
                foreach (var (dependency, dependencyVersion) in dependencies)
                    queue.Enqueue($"{dependency}/{(string?)dependencyVersion}");
        }
        return files;
    }

    /// <summary>Packages the real kernel needs but our engine replaces (it formats charts itself).</summary>
    public static readonly IReadOnlySet<string> KernelOnly = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Plotly.NET.Interactive" };

    private static string? DepsFile()
    {
        var entry = Assembly.GetEntryAssembly()?.GetName().Name;
        var candidates = (AppContext.GetData("APP_CONTEXT_DEPS_FILES") as string ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Append(entry is null ? "" : Path.Combine(AppContext.BaseDirectory, entry + ".deps.json"));
        return candidates.FirstOrDefault(p => p.Length > 0 && File.Exists(p)
            && Path.GetFullPath(Path.GetDirectoryName(p)!).TrimEnd('/') == Path.GetFullPath(AppContext.BaseDirectory).TrimEnd('/'));
    }

    private static JsonObject? LoadTargets()
    {
        if (DepsFile() is not { } path) return null;
        var deps = JsonNode.Parse(File.ReadAllText(path)) as JsonObject;
        var all = deps?["targets"] as JsonObject;
        var merged = new JsonObject();
        if (all is null) return merged;
        foreach (var (_, target) in all)
            if (target is JsonObject libraries)
                foreach (var (library, entry) in libraries)
                    if (!merged.ContainsKey(library)) merged[library] = entry?.DeepClone();
        return merged;
    }
}
