using Depth.Notebooks.Model;

namespace Depth.Cli;

/// <summary><c>course clean</c>: strips outputs, execution counts and timing metadata (nbdev-style hygiene).</summary>
public static class CleanCommand
{
    /// <summary>Cleans the notebooks; prints each file it changed. Returns the exit code.</summary>
    public static int Execute(string root, IReadOnlyList<string> arguments)
    {
        try
        {
            var changed = 0;
            foreach (var path in NotebookPaths.Resolve(root, arguments))
            {
                var before = File.ReadAllText(path);
                var notebook = Notebook.Parse(before, path);
                NotebookHygiene.Strip(notebook);
                var after = notebook.ToJson();
                if (after == before) continue;
                AtomicFile.WriteAllText(path, after);
                Console.WriteLine($"cleaned {Path.GetRelativePath(root, path)}");
                changed++;
            }
            Console.WriteLine($"{changed} notebook(s) cleaned");
            return 0;
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            Console.Error.WriteLine($"course clean: {e.Message}");
            return 1;
        }
    }
}
