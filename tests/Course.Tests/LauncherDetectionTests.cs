namespace Course.Tests;

/// <summary>How ./course decides whether this host needs the compatibility runtime.</summary>
public sealed class LauncherDetectionTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("course-detect-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string FakeLibstdcxx(params string[] versions)
    {
        var path = Path.Combine(dir, $"libstdc++.so.6.{versions.Length}");
        // A stand-in for the shared object: the version strings are what the launcher looks for.
        File.WriteAllText(path, "\u007fELF…" + string.Join('\0', versions) + "\0");
        return path;
    }

    static string NeedsCompat(Dictionary<string, string?> env)
    {
        var (code, stdout, stderr) = Repo.Course(env, "needs-compat");
        Assert.True(code == 0, stderr);
        return stdout.Trim();
    }

    [Fact]
    public void OldLibstdcxxNeedsTheCompatibilityRuntime()
    {
        var lib = FakeLibstdcxx("GLIBCXX_3.4.29", "GLIBCXX_3.4.30");
        var expected = OperatingSystem.IsLinux() && System.Runtime.InteropServices.RuntimeInformation.OSArchitecture
            == System.Runtime.InteropServices.Architecture.X64 ? "yes" : "no";
        Assert.Equal(expected, NeedsCompat(new() { ["COURSE_LIBSTDCXX"] = lib, ["COURSE_COMPAT"] = null }));
    }

    [Fact]
    public void CurrentLibstdcxxNeedsNothing()
    {
        var lib = FakeLibstdcxx("GLIBCXX_3.4.30", "GLIBCXX_3.4.31", "GLIBCXX_3.4.32", "GLIBCXX_3.4.33");
        Assert.Equal("no", NeedsCompat(new() { ["COURSE_LIBSTDCXX"] = lib, ["COURSE_COMPAT"] = null }));
    }

    [Fact]
    public void MissingLibstdcxxNeedsNothing() =>
        Assert.Equal("no", NeedsCompat(new() { ["COURSE_LIBSTDCXX"] = Path.Combine(dir, "absent.so"), ["COURSE_COMPAT"] = null }));

    [Fact]
    public void ExplicitSettingWins()
    {
        var current = FakeLibstdcxx("GLIBCXX_3.4.32");
        Assert.Equal("yes", NeedsCompat(new() { ["COURSE_LIBSTDCXX"] = current, ["COURSE_COMPAT"] = "always" }));
        var old = FakeLibstdcxx("GLIBCXX_3.4.30", "GLIBCXX_3.4.31");
        Assert.Equal("no", NeedsCompat(new() { ["COURSE_LIBSTDCXX"] = old, ["COURSE_COMPAT"] = "never" }));
    }

    [Fact]
    public void ThisHostsAnswerMatchesItsLibstdcxx()
    {
        // The real system library, as the dynamic loader would pick it.
        var candidates = new[] { "/usr/lib/x86_64-linux-gnu/libstdc++.so.6", "/usr/lib64/libstdc++.so.6" };
        var lib = candidates.FirstOrDefault(File.Exists);
        Assert.SkipWhen(lib is null || !OperatingSystem.IsLinux(), "no GNU libstdc++ on this host");
        var hasSymbol = File.ReadAllBytes(lib!).AsSpan().IndexOf("GLIBCXX_3.4.32"u8) >= 0;
        Assert.Equal(hasSymbol ? "no" : "yes", NeedsCompat(new() { ["COURSE_LIBSTDCXX"] = lib, ["COURSE_COMPAT"] = null }));
    }

    [Fact]
    public void UnknownCommandIsAClearError()
    {
        var (code, _, stderr) = Repo.Course(new Dictionary<string, string?>(), "frobnicate");
        Assert.NotEqual(0, code);
        Assert.Contains("unknown command 'frobnicate'", stderr);
    }
}
