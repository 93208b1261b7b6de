using System.Text.RegularExpressions;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

/// <summary>TorchSharp's notebook pitfall (dotnet/TorchSharp#169, #269): only <c>torch</c>'s initialiser loads libtorch
/// from its package folder, so a notebook whose first TorchSharp call goes through <c>nn.*</c> fails with
/// <c>DllNotFoundException</c>. Lesson 00 shows the first cell that always works; this runs that very cell.</summary>
public partial class FirstCellPatternTests
{
    private const string FirstUse = "var layer = nn.Linear(2, 3);\nConsole.WriteLine(layer.weight.shape[0]);";

    /// <summary>The C# block under lesson 00's "Your own notebook" heading.</summary>
    private static string LessonPattern()
    {
        var lesson = Notebook.Load(Path.Combine(Fixture.RepoRoot(), "notebooks", "00-setup.ipynb"));
        var text = lesson.Cells.First(c => !c.IsCode && c.Source.Contains("## Your own notebook", StringComparison.Ordinal)).Source;
        var block = CSharpBlock().Match(text);
        Assert.True(block.Success, "lesson 00's 'Your own notebook' section has no ```csharp block");
        return block.Groups[1].Value;
    }

    [Fact]
    public async Task TheLessonsFirstCellRunsWhereNnFirstFails()
    {
        var pattern = LessonPattern();
        Assert.Contains("#r \"nuget: TorchSharp-cpu, 0.107.0\"", pattern);

        var nnFirst = await Engine.Run(Fixture.TempNotebook("nn-first", "#r \"nuget: TorchSharp-cpu, 0.107.0\"\nusing TorchSharp;\nusing static TorchSharp.torch;", FirstUse));
        var error = Assert.Single(nnFirst.Errors);
        Assert.Contains("DllNotFoundException", error.Message);

        var withPattern = await Engine.Run(Fixture.TempNotebook("pattern-first", pattern, FirstUse));
        Assert.True(withPattern.Succeeded, withPattern.Errors.FirstOrDefault()?.Message);
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
