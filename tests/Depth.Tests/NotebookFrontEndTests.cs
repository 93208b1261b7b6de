using Depth;

namespace Depth.Tests;

public class NotebookFrontEndTests
{
    [Theory]
    [InlineData("/r/.tools/dotnet-interactive/dotnet-interactive.compat jupyter --default-kernel csharp --http-local-only /k.json", "a Jupyter front end")]
    [InlineData("/r/.tools/dotnet-interactive/dotnet-interactive stdio --working-dir /r/notebooks --kernel-host course", "./course run")]
    [InlineData("dotnet-interactive stdio --working-dir /home/x --kernel-host 12345", "the Polyglot Notebooks extension")]
    [InlineData("/home/x/.local/share/dotnet/runfile/07-ten-thousand-layers-abc/bin/release/07-ten-thousand-layers --quick", "a plain C# program")]
    public void TellsTheRouteFromTheCommandLine(string commandLine, string expected) =>
        Assert.StartsWith(expected, FrontEnd.Describe(commandLine.Split(' ')));

    [Fact]
    public void ATestProgramIsAPlainProgram() => Assert.StartsWith("a plain C# program", FrontEnd.Describe());
}
