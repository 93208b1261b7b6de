using System.Diagnostics;
using System.Text.Json.Nodes;
using Depth.Notebooks.Execution;

namespace Depth.Notebooks.Tests;

/// <summary>What a notebook can do to a headless run: end its kernel, or ask for input nobody can give. Each is
/// reported at once, with the notebook and cell, and keeps the cells that ran before. The cell timeout is set far above
/// the time to report, so a run that waited for it would end with <see cref="RunStop.Timeout"/>, not the stop expected.
/// </summary>
public class HeadlessRunTests
{
    private static readonly RunOptions LongTimeout = new(CellTimeout: TimeSpan.FromMinutes(3));

    private static string Text(JsonNode? node) => node is JsonArray a ? string.Concat(a.Select(l => (string?)l)) : (string?)node ?? "";

    [Fact]
    public async Task AKernelKilledBySigkillIsReportedWithTheOutOfMemoryHintAndKeepsTheCellsBefore()
    {
        var path = Fixture.TempNotebook("killed", "Console.WriteLine(\"before\");",
            "System.Diagnostics.Process.GetCurrentProcess().Kill();", "Console.WriteLine(\"after\");");
        var result = await Engine.Run(path, LongTimeout);
        Assert.Equal(RunStop.KernelDied, result.Stop);
        Assert.Matches(@"^notebook killed\.ipynb, cell 2: the kernel died: killed by signal 9 \(SIGKILL\) — the out-of-memory killer is the usual cause",
            result.Interrupted);
        Assert.Matches(@"its peak memory was [\d,]+ MiB", result.Interrupted);
        Assert.Equal("before\n", Text(result.Executed.Cells[0].Outputs[0]!["text"]));
        Assert.Equal("error", (string?)result.Executed.Cells[1].Outputs[0]!["output_type"]);
        Assert.Null(result.Executed.Cells[2].ExecutionCount);
        Assert.False(result.Succeeded);
    }

    [Fact]
    public async Task AKernelThatExitsIsReportedWithItsExitCode()
    {
        var path = Fixture.TempNotebook("exits", "int x = 1;", "Environment.Exit(3);");
        var result = await Engine.Run(path, LongTimeout);
        Assert.Equal(RunStop.KernelDied, result.Stop);
        Assert.StartsWith("notebook exits.ipynb, cell 2: the kernel died: its process exited with code 3", result.Interrupted);
        Assert.Equal(1, result.Executed.Cells[0].ExecutionCount);
    }

    [Fact]
    public async Task ReadingTheConsoleFailsTheCellAtOnceAndPointsToParam()
    {
        var path = Fixture.TempNotebook("reads", "var line = Console.ReadLine();", "var c = Console.In.Read();");
        var result = await Engine.Run(path, LongTimeout with { AllowErrors = true });
        Assert.Equal(RunStop.None, result.Stop);
        Assert.Equal(2, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.Contains(
            "this run is headless and cannot answer Console input: give values as parameters instead (./course run <notebook> --param name=value)",
            e.Message));
        Assert.StartsWith("notebook reads.ipynb, cell 1: System.InvalidOperationException", result.Errors[0].Message);
    }

    [Fact]
    public async Task ARequestForInputFailsTheCellAtOnceAndPointsToParam()
    {
        var path = Fixture.TempNotebook("asks", "var name = await Microsoft.DotNet.Interactive.Kernel.GetInputAsync(\"Your name?\");");
        var result = await Engine.Run(path, LongTimeout);
        Assert.Equal(RunStop.None, result.Stop);
        var error = Assert.Single(result.Errors);
        Assert.Equal("notebook asks.ipynb, cell 1: " + NotebookRunner.NoInput + " [code cell 1 of 1]", error.Message);
    }

    [Fact]
    public async Task NoKernelProcessOutlivesARun()
    {
        var path = Fixture.TempNotebook("pid", "Console.WriteLine(System.Environment.ProcessId);");
        var result = await Engine.Run(path);
        Assert.True(result.Succeeded, result.Errors.FirstOrDefault()?.Message);
        var pid = int.Parse(Text(result.Executed.Cells[0].Outputs[0]!["text"]).Trim(), System.Globalization.CultureInfo.InvariantCulture);
        var gone = false;
        for (var i = 0; i < 50 && !gone; i++)
        {
            try { using var p = Process.GetProcessById(pid); gone = p.HasExited; }
            catch (ArgumentException) { gone = true; }
            if (!gone) await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.True(gone, $"kernel process {pid} is still running after the run");
    }
}
