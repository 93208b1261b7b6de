using Depth.Notebooks.Model;
using System.Reflection;

namespace Depth.Notebooks.Site;

/// <summary>
/// Writes <c>assets/</c>: the vendored KaTeX and highlight.js (embedded in this assembly with their licences),
/// the site's CSS and script, and plotly.js 2.28.0 read from the Plotly.NET assembly (never from a CDN).
/// </summary>
internal static class SiteAssets
{
    /// <summary>Prefix of this assembly's embedded site files (see the csproj).</summary>
    private const string Prefix = "site-assets/";

    /// <summary>The resource inside Plotly.NET.dll that holds plotly.js.</summary>
    public const string PlotlyResource = "Plotly.NET.plotly-2.28.0.min.js";

    /// <summary>Writes every asset under <paramref name="outDir"/>/assets, atomically.</summary>
    public static void Write(string outDir)
    {
        var assets = Path.Combine(outDir, "assets");
        var own = typeof(SiteAssets).Assembly;
        var names = own.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)).ToList();
        if (names.Count == 0)
            throw new InvalidOperationException($"{own.GetName().Name} carries no embedded '{Prefix}*' resources; the site assets were not built in.");
        foreach (var name in names)
        {
            var relative = name[Prefix.Length..].Replace('\\', '/');
            AtomicFile.WriteAllBytes(Path.Combine(assets, Path.Combine(relative.Split('/'))), ReadResource(own, name));
        }
        var plotly = typeof(Plotly.NET.GenericChart).Assembly;
        AtomicFile.WriteAllBytes(Path.Combine(assets, "plotly.min.js"), ReadResource(plotly, PlotlyResource));
        AtomicFile.WriteAllBytes(Path.Combine(assets, "plotly.min.js.LICENSE.txt"), ReadResource(plotly, PlotlyResource + ".LICENSE.txt"));
    }

    private static byte[] ReadResource(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Resource '{name}' not found in {assembly.GetName().Name} {assembly.GetName().Version}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
