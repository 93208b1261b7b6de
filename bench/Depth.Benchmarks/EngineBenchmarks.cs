using BenchmarkDotNet.Attributes;
using Depth.Notebooks.Execution;

namespace Depth.Benchmarks;

/// <summary>
/// The notebook engine on a minimal notebook (one code cell) in the real kernel: each run starts a kernel
/// (dotnet-interactive stdio), as `course run` does per notebook.
/// </summary>
[Config(typeof(BenchConfig))]
public class EngineBenchmarks
{
    string notebook = null!;

    [GlobalSetup]
    public void Setup()
    {
        var dir = Directory.CreateTempSubdirectory("bench-nb-").FullName;
        notebook = Path.Combine(dir, "minimal.ipynb");
        File.WriteAllText(notebook, """
            {"cells":[{"cell_type":"code","execution_count":null,"metadata":{},"outputs":[],"source":["var x = 6 * 7;\n","x"]}],
             "metadata":{"kernelspec":{"display_name":".NET (C#)","language":"C#","name":".net-csharp"}},"nbformat":4,"nbformat_minor":2}
            """);
    }

    [Benchmark(Description = "run a one-cell notebook")]
    public async Task<int> RunMinimalNotebook()
    {
        var result = await NotebookRunner.RunAsync(notebook, KernelCommandLine.Find(BenchConfig.FindRoot()));
        if (!result.Succeeded) throw new InvalidOperationException(result.Errors[0].Message);
        return result.Executed.Cells.Count;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(Path.GetDirectoryName(notebook)!, recursive: true);
}
