using System.Reflection;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace Depth.Notebooks.Execution;

/// <summary>
/// Turns <c>#r</c> references into metadata references, loading each assembly once into the default
/// load context and registering it with the script's loader, so scripts, the course library and the
/// engine share one copy of TorchSharp, Plotly.NET, ….
/// </summary>
public sealed class ReferenceResolver
{
    private static readonly object probeGate = new();
    private static readonly HashSet<string> probeFolders = new(StringComparer.Ordinal);
    private static bool probing;

    private readonly PackageCatalog catalog;
    private readonly InteractiveAssemblyLoader loader;
    private readonly string baseDirectory;

    /// <summary>Resolves references of a notebook in <paramref name="baseDirectory"/> for <paramref name="loader"/>.</summary>
    public ReferenceResolver(PackageCatalog catalog, InteractiveAssemblyLoader loader, string baseDirectory)
    {
        this.catalog = catalog;
        this.loader = loader;
        this.baseDirectory = baseDirectory;
    }

    /// <summary>The metadata references for <paramref name="reference"/> (empty for kernel-only packages).</summary>
    public IReadOnlyList<MetadataReference> Resolve(Reference reference)
    {
        if (reference.PackageName is { } package)
            return catalog.Resolve(package, reference.PackageVersion).Select(LoadShared).ToList();
        var relative = reference.AssemblyPath!;
        var full = Path.GetFullPath(Path.Combine(baseDirectory, relative));
        if (!File.Exists(full))
            throw new DirectiveException($"assembly '{relative}' not found (looked at {full}); run ./course build first");
        AddProbeFolder(Path.GetDirectoryName(full)!);
        return [LoadShared(full)];
    }

    private MetadataReference LoadShared(string path)
    {
        var name = AssemblyName.GetAssemblyName(path);
        var assembly = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a =>
                           !a.IsDynamic && AssemblyName.ReferenceMatchesDefinition(name, a.GetName()) && AssemblyLoadContext.GetLoadContext(a) == AssemblyLoadContext.Default)
                       ?? LoadIntoDefault(name, path);
        loader.RegisterDependency(assembly);
        var location = string.IsNullOrEmpty(assembly.Location) ? path : assembly.Location;
        return MetadataReference.CreateFromFile(location);
    }

    private static Assembly LoadIntoDefault(AssemblyName name, string path)
    {
        try
        {
            // An assembly the app ships (trusted platform assemblies) binds by name; others by path.
            return AssemblyLoadContext.Default.LoadFromAssemblyName(name);
        }
        catch (FileNotFoundException)
        {
            return AssemblyLoadContext.Default.LoadFromAssemblyPath(path);
        }
    }

    /// <summary>Lets the default context find dependencies of referenced assemblies next to them.</summary>
    private static void AddProbeFolder(string folder)
    {
        lock (probeGate)
        {
            probeFolders.Add(folder);
            if (probing) return;
            probing = true;
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                string[] folders;
                lock (probeGate) folders = probeFolders.ToArray();
                foreach (var f in folders)
                {
                    var candidate = Path.Combine(f, name.Name + ".dll");
                    if (File.Exists(candidate)) return context.LoadFromAssemblyPath(candidate);
                }
                return null;
            };
        }
    }
}
