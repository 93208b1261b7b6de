namespace Depth;

/// <summary>Which of the course's routes runs this code, told from the process's own command line: the .NET Interactive
/// kernel is started as <c>dotnet-interactive jupyter …</c> by a Jupyter front end (through the kernelspec
/// <c>./course build</c> registers), as <c>dotnet-interactive stdio … --kernel-host course</c> by <c>./course run</c>,
/// and as <c>dotnet-interactive stdio …</c> with another host by the Polyglot extension; anything else is a plain
/// program — a lesson's file-based app.</summary>
public static class FrontEnd
{
    /// <summary>The route, in words, with how long it is expected to keep working.</summary>
    public static string Describe() => Describe(Environment.GetCommandLineArgs());

    /// <summary>The route for a process started with <paramref name="args"/> (its program first).</summary>
    public static string Describe(IReadOnlyList<string> args)
    {
        var program = args.Count > 0 ? Path.GetFileNameWithoutExtension(args[0]) : "";
        if (!program.StartsWith("dotnet-interactive", StringComparison.Ordinal) && !args.Contains("jupyter") && !args.Contains("stdio"))
            return "a plain C# program, as a lesson's file-based app runs (dotnet run): no kernel, no extension, only the .NET SDK";
        if (args.Contains("jupyter"))
            return "a Jupyter front end (VS Code's Jupyter extension, JupyterLab or nbclient) through the course's kernelspec";
        var host = args.SkipWhile(a => a != "--kernel-host").Skip(1).FirstOrDefault();
        return host == "course"
            ? "./course run, which drives the pinned kernel over stdio as the Polyglot extension does"
            : "the Polyglot Notebooks extension (deprecated on 2026-03-27; works while VS Code keeps it working)";
    }
}
