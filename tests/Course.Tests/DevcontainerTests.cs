using System.Text.Json;

namespace Course.Tests;

/// <summary>The devcontainer and VS Code recommendations name only things that exist.</summary>
public class DevcontainerTests
{
    // Jupyter first: the deprecated Polyglot extension is optional (the notebooks work in both).
    static readonly string[] Extensions = ["ms-toolsai.jupyter", "ms-dotnettools.csdevkit"];

    static JsonElement Read(string relative)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        return JsonDocument.Parse(File.ReadAllText(Repo.PathOf(relative)), options).RootElement;
    }

    [Fact]
    public void DevcontainerUsesTheDotnet10ImageAndFitsACodespace()
    {
        var dc = Read(".devcontainer/devcontainer.json");
        Assert.Equal("mcr.microsoft.com/devcontainers/dotnet:2-10.0-noble", dc.GetProperty("image").GetString());
        Assert.Equal(2, dc.GetProperty("hostRequirements").GetProperty("cpus").GetInt32());
        Assert.Equal("8gb", dc.GetProperty("hostRequirements").GetProperty("memory").GetString());
        var ext = dc.GetProperty("customizations").GetProperty("vscode").GetProperty("extensions")
            .EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(Extensions, ext);
    }

    [Fact]
    public void PostCreateCommandNamesAnExistingLauncherCommand()
    {
        var command = Read(".devcontainer/devcontainer.json").GetProperty("postCreateCommand").GetString()!;
        var words = command.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("./course", words[0]);
        var launcher = Repo.PathOf("course");
        Assert.True(File.Exists(launcher));
        Assert.True(File.GetUnixFileMode(launcher).HasFlag(UnixFileMode.UserExecute), "./course must be executable");
        Assert.Contains($"\n  {words[1]}) ", File.ReadAllText(launcher));
    }

    [Fact]
    public void VsCodeRecommendsTheSameExtensions()
    {
        var rec = Read(".vscode/extensions.json").GetProperty("recommendations").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(Extensions, rec);
    }

    [Fact]
    public void ReadmeCommandsExistInTheLauncher()
    {
        var readme = File.ReadAllText(Repo.PathOf("README.md"));
        Assert.Contains("./course run --quick", readme);
        Assert.Contains("./course test", readme);
        var ci = File.ReadAllText(Repo.PathOf(".ci/run"));
        Assert.Contains("./course test", ci);
        var launcher = File.ReadAllText(Repo.PathOf("course"));
        foreach (var cmd in new[] { "build", "test", "run", "clean" }) Assert.Contains($"\n  {cmd}) ", launcher);
    }

    [Fact]
    public void GlobalJsonPinsTheSdk()
    {
        var sdk = Read("global.json").GetProperty("sdk");
        Assert.Equal("10.0.100", sdk.GetProperty("version").GetString());
        Assert.Equal("latestFeature", sdk.GetProperty("rollForward").GetString());
    }
}
