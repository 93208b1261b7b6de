namespace Depth.Notebooks.Execution;

/// <summary>
/// Where the .NET Interactive kernel is: the dotnet tool <c>Microsoft.dotnet-interactive</c>, started as VS Code
/// starts it (<c>dotnet-interactive stdio --working-dir &lt;notebook folder&gt;</c>). <c>./course</c> installs the
/// pinned version into <c>.tools/dotnet-interactive</c> and names the program to start in <c>COURSE_KERNEL</c> (on old
/// Linux a copy of the tool's apphost that runs through the compatibility runtime) and its version in
/// <c>COURSE_KERNEL_VERSION</c>.
/// </summary>
/// <param name="Program">The kernel's executable.</param>
/// <param name="Version">The tool's version, e.g. <c>1.0.712001</c>.</param>
public sealed record KernelCommandLine(string Program, string Version)
{
    /// <summary>Environment variable naming the kernel program.</summary>
    public const string ProgramVariable = "COURSE_KERNEL";

    /// <summary>Environment variable naming the kernel's version.</summary>
    public const string VersionVariable = "COURSE_KERNEL_VERSION";

    /// <summary>The kernel named by the environment, else the tool-path install under <paramref name="root"/>.</summary>
    /// <exception cref="FileNotFoundException">No kernel is installed.</exception>
    public static KernelCommandLine Find(string? root = null)
    {
        var program = Environment.GetEnvironmentVariable(ProgramVariable);
        if (string.IsNullOrEmpty(program) && root is not null)
            program = Path.Combine(root, ".tools", "dotnet-interactive", OperatingSystem.IsWindows() ? "dotnet-interactive.exe" : "dotnet-interactive");
        if (string.IsNullOrEmpty(program) || !File.Exists(program))
            throw new FileNotFoundException(
                $"the .NET Interactive kernel is not installed{(program is null ? "" : $" ({program} is missing)")}: run ./course build");
        var version = Environment.GetEnvironmentVariable(VersionVariable);
        if (string.IsNullOrEmpty(version))
            version = File.Exists(Path.Combine(Path.GetDirectoryName(program)!, ".version"))
                ? File.ReadAllText(Path.Combine(Path.GetDirectoryName(program)!, ".version")).Trim()
                : "unknown";
        return new KernelCommandLine(program, version);
    }

    /// <summary>The command line for a kernel working in <paramref name="workingDirectory"/>. The stdio connector joins
    /// arguments with spaces without quoting, so an argument with a space is quoted here.</summary>
    public string[] For(string workingDirectory) => [Program, "stdio", "--working-dir", Quote(workingDirectory)];

    private static string Quote(string argument) => argument.Contains(' ') ? $"\"{argument}\"" : argument;
}
