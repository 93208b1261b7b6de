using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.Loader;
using Depth;

namespace Depth.Tests;

/// <summary>The renderer runs Plotly.NET with its own FSharp.Core, whatever FSharp.Core the host
/// has loaded
/// (the .NET Interactive tool holds 10.0.0.0; Plotly.NET 6 needs 10.1.0.0).</summary>
[Collection(nameof(Serial))]
public class ChartsIsolatedRendererTests
{
    private static readonly string Json = Charts.Lines("t", [("a", [1.0, 2], [3.0, 4])]).ToJson();

    [Fact]
    public void RendersInAContextOfItsOwnNextToAnOlderFSharpCoreInTheDefaultContext()
    {
        var hostCopy = AssemblyLoadContext.Default.Assemblies.FirstOrDefault(a => a.GetName().Name == "FSharp.Core")
            ?? AssemblyLoadContext.Default.LoadFromAssemblyPath(FakeFSharpCore(new Version(10, 0, 0, 0)));
        Assert.True(hostCopy.GetName().Version < new Version(10, 1), $"host copy {hostCopy.GetName().Version}");

        var render = IsolatedRenderer.Load(IsolatedRenderer.DefaultDirectory());
        var first = render(Json);
        var second = render(Json);
        Assert.StartsWith("{\"data\":[{\"type\":\"scatter\"", first);
        Assert.Equal(first, second);

        var context = AssemblyLoadContext.GetLoadContext(render.Method.DeclaringType!.Assembly)!;
        Assert.NotSame(AssemblyLoadContext.Default, context);
        var own = context.Assemblies.Single(a => a.GetName().Name == "FSharp.Core");
        Assert.True(own.GetName().Version >= new Version(10, 1), $"renderer's copy {own.GetName().Version}");
        Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "Plotly.NET");
    }

    [Fact]
    public void AMissingRendererFolderIsNamedInTheError()
    {
        var missing = Path.Combine(Path.GetTempPath(), "no-such-plotting-" + Guid.NewGuid().ToString("N"));
        var ex = Assert.Throws<FileNotFoundException>(() => IsolatedRenderer.Load(missing));
        Assert.Contains(missing, ex.Message);
        Assert.Contains("./course build", ex.Message);
    }

    [Fact]
    public void ABadFigureIsRejectedWithOneLine()
    {
        var render = IsolatedRenderer.Load(IsolatedRenderer.DefaultDirectory());
        var ex = Assert.Throws<ArgumentException>(() => render("""{"traces":[{"kind":"pie","name":"p"}],"layout":{}}"""));
        Assert.Contains("unknown trace kind 'pie'", ex.Message);
    }

    /// <summary>An assembly named FSharp.Core with <paramref name="version"/> and no F# inside: if
    /// Plotly.NET
    /// bound to the host's copy, rendering would fail with a missing type.</summary>
    private static string FakeFSharpCore(Version version)
    {
        var builder = new PersistedAssemblyBuilder(new AssemblyName("FSharp.Core") { Version = version }, typeof(object).Assembly);
        builder.DefineDynamicModule("FSharp.Core.dll").DefineType("Fake.HostFSharpCore", TypeAttributes.Public).CreateType();
        var folder = Directory.CreateTempSubdirectory("depth-fake-fsharp-").FullName;
        var path = Path.Combine(folder, "FSharp.Core.dll");
        builder.Save(path);
        return path;
    }
}
