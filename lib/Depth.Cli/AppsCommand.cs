using Depth.Notebooks.Apps;
using Depth.Notebooks.Model;

namespace Depth.Cli;

/// <summary><c>course apps</c>: writes each lesson as a C# file-based app, <c>apps/NN-name.cs</c>, generated from
/// <c>notebooks/NN-name.ipynb</c> (see <see cref="AppGenerator"/>).</summary>
public static class AppsCommand
{
    /// <summary>Generates the apps; prints each file it wrote. Returns the exit code.</summary>
    public static int Execute(string root, IReadOnlyList<string> arguments)
    {
        try
        {
            var written = 0;
            foreach (var notebook in NotebookPaths.Resolve(root, arguments))
            {
                var app = AppGenerator.AppPath(root, notebook);
                var source = AppGenerator.Generate(Notebook.Load(notebook), Path.GetFileNameWithoutExtension(notebook));
                if (File.Exists(app) && File.ReadAllText(app) == source) continue;
                Directory.CreateDirectory(Path.GetDirectoryName(app)!);
                AtomicFile.WriteAllText(app, source);
                Console.WriteLine($"wrote {Path.GetRelativePath(root, app)}");
                written++;
            }
            Console.WriteLine($"{written} app(s) written");
            return 0;
        }
        catch (Exception e) when (e is IOException or FormatException or AppGenerationException)
        {
            Console.Error.WriteLine($"course apps: {e.Message}");
            return 1;
        }
    }
}
