using System.Diagnostics;
using System.Runtime.Versioning;

// The launcher is a POSIX shell script; Windows learners use the plain dotnet commands (README).
[assembly: UnsupportedOSPlatform("windows")]

namespace Course.Tests;

/// <summary>Locates the repository and runs the launcher the way a learner does.</summary>
internal static class Repo
{
    public static string Root { get; } = FindRoot();

    static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Course.sln"))) return dir.FullName;
        throw new InvalidOperationException($"Course.sln not found above {AppContext.BaseDirectory}");
    }

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Runs <c>sh ./course args…</c> with extra environment; returns exit code and output.</summary>
    public static (int Code, string Stdout, string Stderr) Course(Dictionary<string, string?> env, params string[] args) =>
        Sh(env, [PathOf("course"), .. args]);

    /// <summary>Runs <c>sh args…</c> in the repository with extra environment (a null value removes a variable);
    /// returns exit code and output.</summary>
    public static (int Code, string Stdout, string Stderr) Sh(Dictionary<string, string?> env, params string[] args)
    {
        var psi = new ProcessStartInfo("sh") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Root };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env)
        {
            if (v is null) psi.Environment.Remove(k); else psi.Environment[k] = v;
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) { p.Kill(true); throw new TimeoutException("sh " + string.Join(' ', args)); }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
