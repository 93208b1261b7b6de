using System.Text.Json.Nodes;

namespace Course.Tests;

/// <summary>The Jupyter kernelspec <c>./course build</c> registers (here through <c>./course kernelspec</c>, the same
/// function, into a private JUPYTER_DATA_DIR).</summary>
public sealed class KernelspecTests : IDisposable
{
    const string Name = ".net-depth-csharp";
    readonly string data = Directory.CreateTempSubdirectory("course-jupyter-").FullName;

    public void Dispose() => Directory.Delete(data, recursive: true);

    string SpecPath => Path.Combine(data, "kernels", Name, "kernel.json");

    (int Code, string Stdout, string Stderr) Register() => Repo.Course(new() { ["JUPYTER_DATA_DIR"] = data }, "kernelspec");

    [Fact]
    public void RegistersTheLauncherWithNoHttpPortOptions()
    {
        var (code, stdout, stderr) = Register();
        Assert.True(code == 0, stderr);
        Assert.Equal(Path.GetDirectoryName(SpecPath), stdout.Trim());
        Assert.Contains($"registering the Jupyter kernel '{Name}'", stderr);
        var spec = JsonNode.Parse(File.ReadAllText(SpecPath))!;
        Assert.Equal([Repo.PathOf("course"), "kernel", "{connection_file}"], spec["argv"]!.AsArray().Select(a => (string?)a));
        Assert.Equal("C#", (string?)spec["language"]);
        Assert.Equal(Repo.Root, (string?)spec["metadata"]!["depth_course"]!["root"]);
        var (again, _, quiet) = Register();
        Assert.Equal(0, again);
        Assert.DoesNotContain("registering", quiet);                // an up-to-date registration is left as it is
    }

    [Fact]
    public void AKernelspecTheUserMadeIsNeverOverwritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SpecPath)!);
        const string mine = """{"argv": ["dotnet", "interactive", "jupyter", "{connection_file}"], "display_name": "mine", "language": "C#"}""";
        File.WriteAllText(SpecPath, mine);
        var (code, _, stderr) = Register();
        Assert.Equal(0, code);
        Assert.Equal(mine, File.ReadAllText(SpecPath));
        Assert.Contains("was not written by the course; left as it is", stderr);
    }

    [Fact]
    public void AnotherClonesRegistrationIsReplacedAndSaid()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(SpecPath)!);
        File.WriteAllText(SpecPath, """{"argv": ["/elsewhere/course", "kernel", "{connection_file}"], "metadata": {"depth_course": {"root": "/elsewhere"}}}""");
        var (code, _, stderr) = Register();
        Assert.Equal(0, code);
        Assert.Contains("updating the Jupyter kernel '.net-depth-csharp'", stderr);
        Assert.Contains("(it started /elsewhere)", stderr);
        Assert.Contains(Repo.PathOf("course"), File.ReadAllText(SpecPath));
    }
}
