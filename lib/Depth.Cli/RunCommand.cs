using System.Globalization;
using Depth.Notebooks.Execution;
using Depth.Notebooks.Site;

namespace Depth.Cli;

/// <summary><c>course run</c>: executes notebooks, writes executed copies and the site, prints times and a summary.</summary>
public static class RunCommand
{
    /// <summary>Parsed arguments of <c>course run</c>.</summary>
    public sealed record Arguments(string Root, IReadOnlyList<string> Notebooks, bool Quick, IReadOnlyList<string> Params, string? Out, bool AllowErrors);

    /// <summary>Runs the command; returns 0 when every notebook ran and every claim held.</summary>
    public static async Task<int> ExecuteAsync(Arguments args, CancellationToken cancellationToken)
    {
        ConsoleRouter.Install();                         // before anything prints: cells' console output goes to cells
        var stdout = ConsoleRouter.OriginalOut;
        IReadOnlyList<string> paths;
        string outDir;
        Dictionary<string, string> parameters;
        try
        {
            parameters = ParseParams(args.Params);
            paths = NotebookPaths.Resolve(args.Root, args.Notebooks);
            outDir = Path.GetFullPath(args.Out ?? Path.Combine(args.Root, "site"));
            var notebooksFolder = Path.GetFullPath(NotebookPaths.Folder(args.Root)).TrimEnd('/');
            if (outDir.TrimEnd('/') == notebooksFolder || paths.Any(p => Path.GetDirectoryName(p)!.TrimEnd('/') == outDir.TrimEnd('/')))
                throw new ArgumentException($"--out {outDir} is a notebooks folder: executed copies never overwrite sources");
        }
        catch (Exception e) when (e is ArgumentException or FileNotFoundException)
        {
            await Console.Error.WriteLineAsync($"course run: {e.Message}");
            return 2;
        }
        if (paths.Count == 0)
        {
            await Console.Error.WriteLineAsync($"course run: no notebooks found in {NotebookPaths.Folder(args.Root)}");
            return 2;
        }

        var options = new RunOptions(args.Quick, parameters, args.AllowErrors);
        var progress = ProgressReporter.Create(stdout);
        var runs = new List<NotebookRun>();
        var failed = 0;
        foreach (var path in paths)
        {
            NotebookResult result;
            try
            {
                result = await progress.RunAsync(Path.GetFileNameWithoutExtension(path),
                    reporter => NotebookRunner.RunAsync(path, options, reporter, cancellationToken));
            }
            catch (Exception e) when (e is ArgumentException or FormatException or IOException)
            {
                await stdout.WriteLineAsync($"✗ {Path.GetFileName(path)}: {e.Message}");
                runs.Add(new NotebookRun(Path.GetFileNameWithoutExtension(path), Path.GetFileNameWithoutExtension(path), "", TimeSpan.Zero, 0, 0, false, e.Message));
                failed++;
                continue;
            }
            var executedPath = Path.Combine(outDir, result.Name + ".ipynb");
            result.Executed.Save(executedPath);
            var error = result.Errors.FirstOrDefault()?.Message;
            var ok = result.ClaimsFailed == 0 && (result.Errors.Count == 0 || args.AllowErrors);
            if (!ok) failed++;
            runs.Add(new NotebookRun(result.Name, result.Title, executedPath, result.Elapsed, result.ClaimsPassed, result.ClaimsFailed, result.Succeeded, error));
            await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{(ok ? "✓" : "✗")} {result.Name}  {result.Elapsed.TotalSeconds:0.00} s  claims {result.ClaimsPassed} passed, {result.ClaimsFailed} failed{(error is null ? "" : $"\n    {error}")}"));
        }
        SiteBuilder.Build(runs, outDir);
        var total = runs.Aggregate(TimeSpan.Zero, (t, r) => t + r.Elapsed);
        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"{runs.Count - failed} of {runs.Count} notebooks succeeded in {total.TotalSeconds:0.0} s; claims {runs.Sum(r => r.ClaimsPassed)} passed, {runs.Sum(r => r.ClaimsFailed)} failed; site: {Path.Combine(outDir, "index.html")}"));
        return failed == 0 ? 0 : 1;
    }

    /// <summary>Parses repeated <c>name=value</c> options.</summary>
    public static Dictionary<string, string> ParseParams(IEnumerable<string> values)
    {
        var parsed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            var equals = value.IndexOf('=');
            if (equals <= 0) throw new ArgumentException($"--param '{value}' is not name=value");
            parsed[value[..equals].Trim()] = value[(equals + 1)..];
        }
        return parsed;
    }
}
