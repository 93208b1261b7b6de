using System.Reflection;
using System.Runtime.Loader;

namespace Depth;

/// <summary>
/// Runs Depth.Plotting (Plotly.NET, Plotly.NET.CSharp, FSharp.Core 10.1 and their dependencies) in
/// an
/// <see cref="AssemblyLoadContext"/> of its own, loaded from the <c>plotting/</c> folder the build
/// puts
/// next to Depth.dll. A host that already holds another FSharp.Core — the .NET Interactive tool
/// ships
/// 10.0 — never binds Plotly.NET to it, and no Plotly or F# type leaves the context: the one call
/// across is <c>string Depth.Plotting.FigureRenderer.Render(string figureJson)</c>.
/// </summary>
internal static class IsolatedRenderer
{
    /// <summary>Name of the folder next to Depth.dll that holds the renderer.</summary>
    public const string FolderName = "plotting";

    /// <summary>The resource inside Plotly.NET.dll that holds plotly.js (the copy the offline site uses too).</summary>
    public const string PlotlyResource = "Plotly.NET.plotly-2.28.0.min.js";

    private static readonly Lazy<Func<string, string>> Shared = new(() => Load(DefaultDirectory()));

    private static readonly Lazy<string> SharedPlotlyScript = new(() => ReadPlotlyScript(DefaultDirectory()));

    /// <summary>plotly.js JSON for a <see cref="Figure.ToJson"/> string (the renderer loads on
    /// first use).</summary>
    public static string Render(string figureJson) => Shared.Value(figureJson);

    /// <summary>plotly.js 2.28.0 (minified), read from the Plotly.NET.dll of the <c>plotting/</c> folder.</summary>
    public static string PlotlyScript() => SharedPlotlyScript.Value;

    /// <summary>Reads plotly.js from the Plotly.NET.dll in <paramref name="directory"/>, loaded in a context of its
    /// own (as <see cref="Load"/> loads it).</summary>
    public static string ReadPlotlyScript(string directory)
    {
        var plotly = new PlottingLoadContext(directory).LoadFromAssemblyPath(Path.Combine(directory, "Plotly.NET.dll"));
        using var stream = plotly.GetManifestResourceStream(PlotlyResource)
            ?? throw new InvalidOperationException($"resource {PlotlyResource} not found in {plotly.Location}");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The <c>plotting/</c> folder next to the Depth.dll that is running.</summary>
    public static string DefaultDirectory()
    {
        var location = typeof(IsolatedRenderer).Assembly.Location;
        if (string.IsNullOrEmpty(location))
            throw new InvalidOperationException(
                "Depth.dll was loaded from memory: cannot find its plotting/ folder");
        return Path.Combine(Path.GetDirectoryName(location)!, FolderName);
    }

    /// <summary>Loads the renderer from <paramref name="directory"/> into a new load
    /// context.</summary>
    /// <exception cref="FileNotFoundException">The folder has no Depth.Plotting.dll.</exception>
    public static Func<string, string> Load(string directory)
    {
        var main = Path.Combine(directory, "Depth.Plotting.dll");
        if (!File.Exists(main))
            throw new FileNotFoundException(
                $"chart renderer not found: {main} (run ./course build)", main);
        var context = new PlottingLoadContext(directory);
        var type = context.LoadFromAssemblyPath(main)
            .GetType("Depth.Plotting.FigureRenderer", throwOnError: true)!;
        var flags = BindingFlags.Public | BindingFlags.Static;
        var render = type.GetMethod("Render", flags, [typeof(string)])
            ?? throw new MissingMethodException("Depth.Plotting.FigureRenderer", "Render(string)");
        return render.CreateDelegate<Func<string, string>>();
    }

    /// <summary>Resolves every assembly present in the folder from the folder; the rest (the
    /// framework)
    /// from the default context.</summary>
    private sealed class PlottingLoadContext(string directory)
        : AssemblyLoadContext("Depth.Plotting")
    {
        protected override Assembly? Load(AssemblyName name)
        {
            var path = Path.Combine(directory, name.Name + ".dll");
            return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
        }
    }
}
