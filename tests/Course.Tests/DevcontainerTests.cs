using System.Text.Json;

namespace Course.Tests;

/// <summary>The devcontainer and VS Code recommendations name only things that exist.</summary>
public class DevcontainerTests
{
    static JsonElement Read(string relative)
    {
        var options = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };
        return JsonDocument.Parse(File.ReadAllText(Repo.PathOf(relative)), options).RootElement;
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
    public void VsCodeRecommendsTheDevcontainersExtensions()
    {
        var container = Read(".devcontainer/devcontainer.json").GetProperty("customizations").GetProperty("vscode")
            .GetProperty("extensions").EnumerateArray().Select(e => e.GetString());
        var rec = Read(".vscode/extensions.json").GetProperty("recommendations").EnumerateArray().Select(e => e.GetString());
        Assert.Equal(container, rec);
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
}
