namespace Course.Tests;

/// <summary>
/// The compatibility-runtime provisioning of ./course, driven against stand-ins for apt-get,
/// dpkg-deb and patchelf (no network): once, idempotent, recoverable after an interruption,
/// safe when several runs race.
/// </summary>
public sealed class LauncherProvisioningTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("course-provision-").FullName;
    string Cache => Path.Combine(dir, "cache");
    string Log => Path.Combine(dir, "calls.log");
    string CompatDir => Path.Combine(Cache, "compat-trixie");

    public LauncherProvisioningTests()
    {
        var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
        Shim(bin, "apt-get", """
            echo "apt-get $*" >> "$SHIM_LOG"
            for a in "$@"; do last=$a; done
            case " $* " in
              *" download "*)
                [ -n "${SHIM_FAIL_DOWNLOAD:-}" ] && { echo "E: Unable to locate package libc6" >&2; exit 100; }
                for p in libc6 libstdc++6 libgcc-s1; do echo "$p" > "${p}_2.41-1_amd64.deb"; done ;;
            esac
            """);
        Shim(bin, "dpkg-deb", """
            echo "dpkg-deb $*" >> "$SHIM_LOG"
            if [ -n "${SHIM_KILL:-}" ]; then kill -9 "$PPID"; sleep 5; fi
            lib="$3/usr/lib/x86_64-linux-gnu"; mkdir -p "$lib"
            case "$(cat "$2")" in
              libc6) echo ld > "$lib/ld-linux-x86-64.so.2"; echo libc > "$lib/libc.so.6" ;;
              libstdc++6) printf 'GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0' > "$lib/libstdc++.so.6" ;;
              libgcc-s1) echo gcc > "$lib/libgcc_s.so.1" ;;
            esac
            """);
        Shim(bin, "patchelf", """echo "patchelf $*" >> "$SHIM_LOG" """);
        File.WriteAllText(Path.Combine(dir, "keyring.gpg"), "stand-in keyring");
        Env = new()
        {
            ["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH"),
            ["COURSE_COMPAT"] = "always",
            ["COURSE_CACHE"] = Cache,
            ["COURSE_DEBIAN_KEYRING"] = Path.Combine(dir, "keyring.gpg"),
            ["SHIM_LOG"] = Log,
        };
    }

    Dictionary<string, string?> Env { get; }

    static void Shim(string bin, string name, string body)
    {
        var path = Path.Combine(bin, name);
        File.WriteAllText(path, "#!/bin/sh\n" + body + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string[] Calls() => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    [Fact]
    public void ProvisionsOnceAndASecondRunDownloadsNothing()
    {
        var (code, stdout, stderr) = Repo.Course(Env, "provision");
        Assert.True(code == 0, stderr);
        Assert.Equal(CompatDir, stdout.Trim());
        Assert.Contains("fetching Debian trixie", stderr);
        foreach (var f in new[] { "ld-linux-x86-64.so.2", "libc.so.6", "libstdc++.so.6", "libgcc_s.so.1", ".complete" })
            Assert.True(File.Exists(Path.Combine(CompatDir, f)), f);
        Assert.Contains(Calls(), c => c.StartsWith("apt-get") && c.Contains(" update"));
        Assert.Contains(Calls(), c => c.StartsWith("apt-get") && c.Contains("download libc6 libstdc++6 libgcc-s1"));
        // The private index never touches the system's apt configuration.
        Assert.All(Calls().Where(c => c.StartsWith("apt-get")), c => Assert.Contains("Dir::State::Lists=" + Cache, c));

        var before = Calls().Length;
        var second = Repo.Course(Env, "provision");
        Assert.Equal(0, second.Code);
        Assert.Equal(before, Calls().Length);
        Assert.DoesNotContain("fetching", second.Stderr);
        Assert.Empty(Directory.GetDirectories(Cache, "compat-tmp.*"));
    }

    [Fact]
    public void AnInterruptedRunLeavesNothingHalfMadeAndTheNextRunRecovers()
    {
        var killed = Repo.Course(new(Env) { ["SHIM_KILL"] = "1" }, "provision");
        Assert.NotEqual(0, killed.Code);
        Assert.False(Directory.Exists(CompatDir), "a killed run must not leave a compat folder that looks usable");
        Assert.NotEmpty(Directory.GetDirectories(Cache, "compat-tmp.*"));

        var (code, stdout, stderr) = Repo.Course(Env, "provision");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(CompatDir, ".complete")));
        Assert.Empty(Directory.GetDirectories(Cache, "compat-tmp.*"));
    }

    [Fact]
    public async Task RunsStartedTogetherAllSucceedWithOneCopy()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Repo.Course(Env, "provision"))));
        Assert.All(runs, r => Assert.True(r.Code == 0, r.Stderr));
        Assert.True(File.Exists(Path.Combine(CompatDir, ".complete")));
        Assert.Empty(Directory.GetDirectories(Cache, "compat-tmp.*"));
        Assert.Equal(3, File.ReadAllLines(Path.Combine(CompatDir, ".complete")).Length);
    }

    [Fact]
    public void AFailedDownloadSaysSoAndLeavesNothing()
    {
        var (code, _, stderr) = Repo.Course(new(Env) { ["SHIM_FAIL_DOWNLOAD"] = "1" }, "provision");
        Assert.NotEqual(0, code);
        Assert.Contains("apt-get download libc6 libstdc++6 libgcc-s1 failed", stderr);
        Assert.Contains("Unable to locate package", stderr);
        Assert.False(Directory.Exists(CompatDir));
        Assert.Empty(Directory.GetDirectories(Cache, "compat-tmp.*"));
    }

    [Fact]
    public void AMissingKeyringIsAClearError()
    {
        var (code, _, stderr) = Repo.Course(new(Env) { ["COURSE_DEBIAN_KEYRING"] = Path.Combine(dir, "none.gpg") }, "provision");
        Assert.NotEqual(0, code);
        Assert.Contains("debian-archive-keyring", stderr);
    }

    [Fact]
    public void ThisHostsRealCompatibilityRuntimeProvidesTheSymbol()
    {
        var check = Repo.Course(new Dictionary<string, string?>(), "needs-compat");
        Assert.SkipUnless(check.Stdout.Trim() == "yes", "this host's libstdc++ already has GLIBCXX_3.4.32");
        var (code, stdout, stderr) = Repo.Course(new Dictionary<string, string?>(), "provision");
        Assert.True(code == 0, stderr);
        var real = stdout.Trim();
        Assert.True(File.Exists(Path.Combine(real, "ld-linux-x86-64.so.2")));
        Assert.True(File.ReadAllBytes(Path.Combine(real, "libstdc++.so.6")).AsSpan().IndexOf("GLIBCXX_3.4.32"u8) >= 0);
        // The programs actually start through it: this very test program is proof (it runs via ./course).
        Assert.EndsWith(".compat", Environment.ProcessPath);
    }
}
