using System.Diagnostics;
using System.Text.Json.Nodes;
using Depth.Notebooks.Execution;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Tests;

/// <summary>
/// The Jupyter route: Jupyter's own client library (nbclient, from Debian's <c>python3-nbclient</c>) runs a notebook
/// in the kernelspec its metadata names — the one <c>./course build</c> registered — as VS Code's Jupyter extension and
/// JupyterLab do. Parameters are injected by the engine first, so both routes run the same cells.
/// </summary>
internal static class JupyterRoute
{
    /// <summary>What one run through the route gave.</summary>
    /// <param name="Executed">The executed notebook nbclient saved.</param>
    /// <param name="ExitCode">0 when every cell ran, 1 when a cell failed, 3 when the kernel died.</param>
    /// <param name="Report">The driver's report: kernel name and pid, listening sockets, ZeroMQ ports, kernelspec.</param>
    public sealed record Result(Notebook Executed, int ExitCode, JsonObject Report);

    private static readonly Lazy<bool> HasClient = new(() => File.Exists(Python) && Probe("import nbclient, jupyter_client"));

    private static string Python => Environment.GetEnvironmentVariable("COURSE_PYTHON") is { Length: > 0 } p ? p : "/usr/bin/python3";

    /// <summary>Runs <paramref name="path"/> through nbclient with the engine's injected parameters.</summary>
    public static async Task<Result> RunAsync(string path, RunOptions options, CancellationToken cancellationToken)
    {
        if (Environment.GetEnvironmentVariable("COURSE_SKIP_JUPYTER") == "1")
            Assert.Skip("COURSE_SKIP_JUPYTER=1: the Jupyter route was skipped on request.");
        Assert.True(HasClient.Value,
            $"Jupyter's client library is not found for {Python}: the Jupyter route test needs Debian's packages: " +
            "`apt-get install python3-nbclient python3-jupyter-client` (or COURSE_PYTHON naming a Python that has them).");
        var name = Path.GetFileNameWithoutExtension(path);
        var injected = Notebook.Load(path).Clone();
        Parameters.Inject(injected, options.Quick, options.Parameters ?? new Dictionary<string, string>(), name);
        var dir = Directory.CreateTempSubdirectory("jupyter-route-").FullName;
        var input = Path.Combine(dir, name + ".ipynb");
        var output = Path.Combine(dir, name + ".executed.ipynb");
        injected.Save(input);
        var psi = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
            ArgumentList =
            {
                Path.Combine(Fixture.RepoRoot(), "tests", "jupyter", "execute.py"), input, output,
                "--cwd", Path.GetDirectoryName(Path.GetFullPath(path))!,
                "--timeout", ((int)options.EffectiveCellTimeout.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
        using var process = Process.Start(psi)!;
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        var lastLine = (await stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        Assert.True(lastLine is not null && File.Exists(output),
            $"the Jupyter route gave no report for {name} (exit {process.ExitCode}): {(await stderr).Trim()}");
        var report = (JsonObject)JsonNode.Parse(lastLine)!;
        var result = new Result(Notebook.Load(output), process.ExitCode, report);
        Directory.Delete(dir, recursive: true);
        return result;
    }

    private static bool Probe(string code)
    {
        using var p = Process.Start(new ProcessStartInfo(Python, ["-c", code]) { RedirectStandardError = true })!;
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0;
    }
}
