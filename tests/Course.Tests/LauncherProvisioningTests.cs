namespace Course.Tests;

/// <summary> The provisioning of ./course — the compatibility runtime, patchelf, the Debian archive
/// keyring and the full Fashion-MNIST set — driven against stand-ins for apt-get and dpkg-deb (no
/// network), with a PATH that has no patchelf: once, idempotent, recoverable after an interruption,
/// safe when several runs race, nothing outside the cache. </summary>
public sealed class LauncherProvisioningTests : IDisposable
{
    readonly string dir = Directory.CreateTempSubdirectory("course-provision-").FullName;
    string Cache => Path.Combine(dir, "cache");
    string Log => Path.Combine(dir, "calls.log");
    string CompatDir => Path.Combine(Cache, "compat-trixie");
    string DataDir => Path.Combine(Cache, "fashion-mnist");

    static readonly string[] DataFiles =
    [
        "train-images-idx3-ubyte", "train-labels-idx1-ubyte",
        "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte",
    ];

    public LauncherProvisioningTests()
    {
        var bin = Directory.CreateDirectory(Path.Combine(dir, "bin")).FullName;
        // apt-get: "download P…" writes P_1_amd64.deb (content: P); the system's own index (no
        // private Dir::State::Lists) lacks everything when SHIM_NO_SYSTEM_INDEX is set.
        Shim(bin, "apt-get", """
            echo "apt-get $*" >> "$SHIM_LOG"
            private= list= past=
            for a in "$@"; do
              case "$a" in
                Dir::State::Lists=*) private=1 ;;
                Dir::Etc::SourceList=*) list=${a#*=} ;;
              esac
            done
            case " $* " in
              *" update "*) [ -z "$list" ] || echo "sources: $(cat "$list")" >> "$SHIM_LOG" ;;
              *" download "*)
                missing="E: Unable to locate package"
                [ -n "${SHIM_FAIL_DOWNLOAD:-}" ] && { echo "$missing $*" >&2; exit 100; }
                if [ -z "$private" ] && [ -n "${SHIM_NO_SYSTEM_INDEX:-}" ]; then
                  echo "$missing" >&2; exit 100
                fi
                for a in "$@"; do
                  [ -n "$past" ] && echo "$a" > "${a}_1_amd64.deb"
                  [ "$a" = download ] && past=1
                done ;;
            esac
            exit 0
            """);
        // dpkg-deb -x DEB ROOT: unpacks a stand-in of the package; SHIM_KILL=P kills the launcher
        // there.
        Shim(bin, "dpkg-deb", """
            echo "dpkg-deb $*" >> "$SHIM_LOG"
            pkg=$(cat "$2"); root=$3
            if [ "${SHIM_KILL:-}" = "$pkg" ]; then kill -9 "$PPID"; sleep 5; fi
            lib="$root/usr/lib/x86_64-linux-gnu"
            script() {
              mkdir -p "$(dirname "$1")"; printf '#!/bin/sh\n%s\n' "$2" > "$1"; chmod +x "$1"
            }
            case "$pkg" in
              libc6) script "$lib/ld-linux-x86-64.so.2" \
                       'echo "ld $*" >> "$SHIM_LOG"; shift 2; exec "$@"'
                     echo libc > "$lib/libc.so.6" ;;
              libstdc++6) mkdir -p "$lib"
                     printf 'GLIBCXX_3.4.31\0GLIBCXX_3.4.32\0' > "$lib/libstdc++.so.6" ;;
              libgcc-s1) mkdir -p "$lib"; echo gcc > "$lib/libgcc_s.so.1" ;;
              patchelf) script "$root/usr/bin/patchelf" \
                       'echo "fetched-patchelf $*" >> "$SHIM_LOG"' ;;
              debian-archive-keyring) mkdir -p "$root/usr/share/keyrings"
                     echo keys > "$root/usr/share/keyrings/debian-archive-keyring.gpg" ;;
              dataset-fashion-mnist) d="$root/usr/share/datasets/fashion-mnist"; mkdir -p "$d"
                     for f in train-images-idx3-ubyte train-labels-idx1-ubyte \
                              t10k-images-idx3-ubyte t10k-labels-idx1-ubyte; do
                       echo "$f" > "$d/$f.gz"
                     done ;;
            esac
            """);
        File.WriteAllText(Path.Combine(dir, "keyring.gpg"), "stand-in keyring");
        Env = new()
        {
            ["PATH"] = bin + ":" + PathWithout("patchelf"),
            ["COURSE_COMPAT"] = "always",
            ["COURSE_CACHE"] = Cache,
            ["COURSE_DEBIAN_KEYRING"] = Path.Combine(dir, "keyring.gpg"),
            ["COURSE_SYSTEM_DATA"] = Path.Combine(dir, "no-system-data"),
            ["COURSE_DATA"] = null,
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

    /// <summary>A folder of links to every program on this PATH except <paramref name="missing"/>:
    /// the machine may have it installed, the learner's may not.</summary>
    string PathWithout(string missing)
    {
        var farm = Directory.CreateDirectory(Path.Combine(dir, "system-bin")).FullName;
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':');
        var programs = folders.Where(Directory.Exists).SelectMany(Directory.EnumerateFiles);
        foreach (var program in programs)
        {
            var link = Path.Combine(farm, Path.GetFileName(program));
            if (Path.GetFileName(program) != missing && !File.Exists(link))
                File.CreateSymbolicLink(link, program);
        }
        return farm;
    }

    public void Dispose() => Directory.Delete(dir, recursive: true);

    string[] Calls() => File.Exists(Log) ? File.ReadAllLines(Log) : [];

    string[] Leftovers() => Directory.Exists(Cache) ? Directory.GetDirectories(Cache, "tmp.*") : [];

    /// <summary>A stand-in apphost: a script that says hello.</summary>
    string FakeApphost()
    {
        var app = Path.Combine(dir, "app", "Hello");
        Directory.CreateDirectory(Path.GetDirectoryName(app)!);
        Shim(Path.GetDirectoryName(app)!, "Hello", "echo hello from the apphost");
        return app;
    }

    [Fact]
    public void ProvisionsOnceAndASecondRunDownloadsNothing()
    {
        var (code, stdout, stderr) = Repo.Course(Env, "provision");
        Assert.True(code == 0, stderr);
        Assert.Equal(CompatDir, stdout.Trim());
        Assert.Contains("fetching Debian trixie", stderr);
        string[] expected =
        [
            "ld-linux-x86-64.so.2", "libc.so.6", "libstdc++.so.6", "libgcc_s.so.1", "patchelf",
            ".complete",
        ];
        foreach (var f in expected)
            Assert.True(File.Exists(Path.Combine(CompatDir, f)), f);
        Assert.Contains(Calls(), c => c.StartsWith("apt-get") && c.Contains(" update"));
        Assert.Contains(Calls(),
            c => c.StartsWith("apt-get")
                 && c.Contains("download libc6 libstdc++6 libgcc-s1 patchelf"));
        string sources = $"sources: deb [signed-by={Env["COURSE_DEBIAN_KEYRING"]}]";
        Assert.Contains(Calls(), c => c.StartsWith(sources) && c.EndsWith(" trixie main"));
        // The private index never touches the system's apt configuration.
        Assert.All(Calls().Where(c => c.StartsWith("apt-get")), c => Assert.Contains("Dir::State::Lists=" + Cache, c));

        var before = Calls().Length;
        var second = Repo.Course(Env, "provision");
        Assert.Equal(0, second.Code);
        Assert.Equal(before, Calls().Length);
        Assert.DoesNotContain("fetching", second.Stderr);
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void AnInterruptedRunLeavesNothingHalfMadeAndTheNextRunRecovers()
    {
        var killed = Repo.Course(new(Env) { ["SHIM_KILL"] = "libstdc++6" }, "provision");
        Assert.NotEqual(0, killed.Code);
        Assert.False(Directory.Exists(CompatDir), "a killed run must not leave a compat folder that looks usable");
        Assert.NotEmpty(Directory.GetDirectories(Cache, "tmp.compat.*"));

        var (code, stdout, stderr) = Repo.Course(Env, "provision");
        Assert.True(code == 0, stderr);
        Assert.True(File.Exists(Path.Combine(CompatDir, ".complete")));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public async Task RunsStartedTogetherAllSucceedWithOneCopy()
    {
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => Repo.Course(Env, "provision"))));
        Assert.All(runs, r => Assert.True(r.Code == 0, r.Stderr));
        Assert.True(File.Exists(Path.Combine(CompatDir, ".complete")));
        Assert.Empty(Leftovers());
        Assert.Equal(4, File.ReadAllLines(Path.Combine(CompatDir, ".complete")).Length);
    }

    [Fact]
    public void AFailedDownloadSaysSoAndLeavesNothing()
    {
        var (code, _, stderr) = Repo.Course(new(Env) { ["SHIM_FAIL_DOWNLOAD"] = "1" }, "provision");
        Assert.NotEqual(0, code);
        Assert.Contains("apt-get download libc6 libstdc++6 libgcc-s1 patchelf failed", stderr);
        Assert.Contains("Unable to locate package", stderr);
        Assert.False(Directory.Exists(CompatDir));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void AnUnreadableKeyringNamedByTheUserIsAClearError()
    {
        var missing = Path.Combine(dir, "none.gpg");
        var env = new Dictionary<string, string?>(Env) { ["COURSE_DEBIAN_KEYRING"] = missing };
        var (code, _, stderr) = Repo.Course(env, "provision");
        Assert.NotEqual(0, code);
        Assert.Contains($"COURSE_DEBIAN_KEYRING names {missing}, which cannot be read", stderr);
        Assert.DoesNotContain(Calls(), c => c.StartsWith("apt-get"));
    }

    [Fact]
    public void WithoutADebianKeyringItIsFetchedFromTheSystemsOwnSourcesAndVerifiesTrixie()
    {
        var env = new Dictionary<string, string?>(Env)
        {
            ["COURSE_DEBIAN_KEYRING"] = null,
            ["COURSE_SYSTEM_KEYRING"] = Path.Combine(dir, "absent.gpg"),
        };
        var (code, _, stderr) = Repo.Course(env, "provision");
        Assert.True(code == 0, stderr);
        var fetched = Path.Combine(Cache, "debian-keyring", "debian-archive-keyring.gpg");
        Assert.Equal("keys", File.ReadAllText(fetched).Trim());
        Assert.Contains(
            "fetching the debian-archive-keyring package once from this system's own sources",
            stderr);
        // From the system's own (already trusted) index: no private sources list for this one.
        Assert.Contains(Calls(), c => c == "apt-get -qq download debian-archive-keyring");
        Assert.Contains(Calls(), c => c.StartsWith($"sources: deb [signed-by={fetched}]"));
        Assert.Empty(Leftovers());

        var before = Calls().Length;
        Assert.Equal(0, Repo.Course(env, "provision").Code);
        Assert.Equal(before, Calls().Length);
    }

    [Fact]
    public void AnEmptySystemIndexIsRefreshedPrivatelyAndAnInterruptedKeyringFetchRecovers()
    {
        var env = new Dictionary<string, string?>(Env)
        {
            ["COURSE_DEBIAN_KEYRING"] = null,
            ["COURSE_SYSTEM_KEYRING"] = Path.Combine(dir, "absent.gpg"),
            ["SHIM_NO_SYSTEM_INDEX"] = "1",
        };
        var killing = new Dictionary<string, string?>(env)
        {
            ["SHIM_KILL"] = "debian-archive-keyring",
        };
        var killed = Repo.Course(killing, "provision");
        Assert.NotEqual(0, killed.Code);
        Assert.False(Directory.Exists(Path.Combine(Cache, "debian-keyring")));
        Assert.NotEmpty(Directory.GetDirectories(Cache, "tmp.keyring.*"));

        var (code, _, stderr) = Repo.Course(env, "provision");
        Assert.True(code == 0, stderr);
        var keyring = Path.Combine(Cache, "debian-keyring", "debian-archive-keyring.gpg");
        Assert.True(File.Exists(keyring));
        // The system's own sources, read into a private index: no SourceList override, private
        // lists.
        Assert.Contains(Calls(), c => c.Contains(" update")
                                      && c.Contains("Dir::State::Lists=" + Cache)
                                      && !c.Contains("Dir::Etc::SourceList"));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void WithoutPatchelfOnPathTheFetchedOneRunsThroughTheCachesLoader()
    {
        var env = new Dictionary<string, string?>(Env) { ["DOTNET_ROOT"] = dir };
        var (code, stdout, stderr) = Repo.Course(env, "exec", FakeApphost(), "x");
        Assert.True(code == 0, stderr);
        Assert.Equal("hello from the apphost", stdout.Trim());
        var patchelf = Path.Combine(CompatDir, "patchelf");
        string throughLoader = $"ld --library-path {CompatDir} {patchelf} " +
                               $"--set-interpreter {CompatDir}/ld-linux-x86-64.so.2";
        Assert.Contains(Calls(), c => c.StartsWith(throughLoader));
        Assert.Contains(Calls(), c => c.StartsWith("fetched-patchelf --set-interpreter"));
        Assert.True(File.Exists(FakeApphost() + ".compat"));
    }

    [Fact]
    public void ARuntimeFetchedBeforePatchelfWasPartOfItGetsPatchelfAdded()
    {
        Assert.Equal(0, Repo.Course(Env, "provision").Code);
        File.Delete(Path.Combine(CompatDir, "patchelf"));
        var env = new Dictionary<string, string?>(Env) { ["DOTNET_ROOT"] = dir };
        var (code, _, stderr) = Repo.Course(env, "exec", FakeApphost());
        Assert.True(code == 0, stderr);
        Assert.Contains("'patchelf' is not installed: fetching Debian trixie's patchelf once",
            stderr);
        Assert.Contains(Calls(), c => c.StartsWith("apt-get") && c.EndsWith("download patchelf"));
        Assert.True(File.Exists(Path.Combine(CompatDir, "patchelf")));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void APatchelfOnPathIsUsedAsItIs()
    {
        var bin = Directory.CreateDirectory(Path.Combine(dir, "installed")).FullName;
        Shim(bin, "patchelf", """echo "system-patchelf $*" >> "$SHIM_LOG" """);
        var env = new Dictionary<string, string?>(Env)
        {
            ["PATH"] = bin + ":" + Env["PATH"], ["DOTNET_ROOT"] = dir,
        };
        var (code, _, stderr) = Repo.Course(env, "exec", FakeApphost());
        Assert.True(code == 0, stderr);
        Assert.Contains(Calls(), c => c.StartsWith("system-patchelf --set-interpreter"));
        Assert.DoesNotContain(Calls(), c => c.StartsWith("fetched-patchelf"));
    }

    [Fact]
    public void TheFullDataSetIsFetchedOnceIntoTheCacheTheLibrarySearches()
    {
        var (code, stdout, stderr) = Repo.Course(Env, "data");
        Assert.True(code == 0, stderr);
        Assert.Equal(DataDir, stdout.Trim());
        Assert.Contains("fetching Debian's dataset-fashion-mnist package", stderr);
        Assert.All(DataFiles,
            f => Assert.Equal(f, File.ReadAllText(Path.Combine(DataDir, f + ".gz")).Trim()));
        Assert.Contains(Calls(), c => c == "apt-get -qq download dataset-fashion-mnist");
        Assert.Empty(Leftovers());

        var before = Calls().Length;
        Assert.Equal(0, Repo.Course(Env, "data").Code);
        Assert.Equal(before, Calls().Length);
    }

    [Fact]
    public void AnInterruptedDataFetchLeavesNoFilesAndTheNextRunRecovers()
    {
        var killed = Repo.Course(new(Env) { ["SHIM_KILL"] = "dataset-fashion-mnist" }, "data");
        Assert.NotEqual(0, killed.Code);
        Assert.False(Directory.Exists(DataDir) && Directory.EnumerateFiles(DataDir).Any());
        Assert.NotEmpty(Directory.GetDirectories(Cache, "tmp.data.*"));

        var (code, _, stderr) = Repo.Course(Env, "data");
        Assert.True(code == 0, stderr);
        Assert.All(DataFiles, f => Assert.True(File.Exists(Path.Combine(DataDir, f + ".gz")), f));
        Assert.Empty(Leftovers());
    }

    [Fact]
    public void NoDataFetchWhenTheSystemHasTheSetOrCourseDataIsSet()
    {
        var system = Directory.CreateDirectory(Path.Combine(dir, "system-data")).FullName;
        foreach (var f in DataFiles) File.WriteAllText(Path.Combine(system, f + ".gz"), f);
        Assert.Equal(0, Repo.Course(new(Env) { ["COURSE_SYSTEM_DATA"] = system }, "data").Code);
        var named = new Dictionary<string, string?>(Env)
        {
            ["COURSE_DATA"] = Path.Combine(dir, "mine"),
        };
        Assert.Equal(0, Repo.Course(named, "data").Code);
        Assert.Empty(Calls());
        Assert.False(Directory.Exists(DataDir));
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
