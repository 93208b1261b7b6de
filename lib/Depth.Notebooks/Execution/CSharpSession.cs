using System.Collections.Immutable;
using System.Diagnostics;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Scripting.Hosting;

namespace Depth.Notebooks.Execution;

/// <summary>
/// One notebook's C# script state, carried from cell to cell like the .NET Interactive C# kernel:
/// C# 12 script semantics, the kernel's default usings, <c>using static Microsoft.DotNet.Interactive.Kernel</c>.
/// </summary>
public sealed class CSharpSession
{
    /// <summary>The kernel's default imports (dotnet/interactive CSharpKernel).</summary>
    public static readonly ImmutableArray<string> DefaultImports =
        ["System", "System.Text", "System.Collections", "System.Collections.Generic", "System.Threading.Tasks", "System.Linq"];

    /// <summary>
    /// The kernel's helpers, imported like its first submission <c>using static Microsoft.DotNet.Interactive.Kernel;</c>
    /// (a type name among script imports is a static import; this saves a compilation at start-up).
    /// </summary>
    public const string KernelHelpersType = "Microsoft.DotNet.Interactive.Kernel";

    private static readonly MethodInfo? HasReturnValueMethod =
        typeof(Script).GetMethod("HasReturnValue", BindingFlags.Instance | BindingFlags.NonPublic);

    private readonly InteractiveAssemblyLoader loader = new();
    private ScriptOptions options;
    private ScriptState<object>? state;
    private Task? start;

    /// <summary>A session for a notebook in <paramref name="baseDirectory"/>.</summary>
    public CSharpSession(string baseDirectory)
    {
        BaseDirectory = baseDirectory;
        options = ScriptOptions.Default
            .WithLanguageVersion(LanguageVersion.CSharp12)
            .WithImports(DefaultImports.Add(KernelHelpersType))
            .AddReferences(typeof(Enumerable).Assembly, typeof(List<>).Assembly, typeof(Task<>).Assembly,
                           typeof(Console).Assembly, typeof(Microsoft.DotNet.Interactive.Kernel).Assembly)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
            .WithSourceResolver(new SourceFileResolver([], baseDirectory))
            .WithEmitDebugInformation(true)
            .WithFileEncoding(System.Text.Encoding.UTF8);
        foreach (var shared in new[] { typeof(Microsoft.DotNet.Interactive.Kernel).Assembly })
            loader.RegisterDependency(shared);
        References = new ReferenceResolver(PackageCatalog.Current, loader, baseDirectory);
    }

    /// <summary>The notebook's folder (relative <c>#r</c> paths start here).</summary>
    public string BaseDirectory { get; }

    /// <summary>Resolves this session's <c>#r</c> references.</summary>
    public ReferenceResolver References { get; }

    /// <summary>Starts the session: loads Roslyn's compiler in the background while the notebook is read.</summary>
    public Task StartAsync() => start ??= Task.Run(() =>
    {
        _ = Microsoft.CodeAnalysis.CSharp.SyntaxFactory.ParseSyntaxTree("0", new CSharpParseOptions(LanguageVersion.CSharp12, kind: SourceCodeKind.Script));
    });

    /// <summary>Adds metadata references for later submissions.</summary>
    public void AddReferences(IEnumerable<MetadataReference> references) => options = options.AddReferences(references);

    /// <summary>
    /// Runs one submission. Returns whether it produced a value (a trailing expression) and the value;
    /// compilation errors throw <see cref="CompilationErrorException"/>, runtime errors are returned as <c>Exception</c>.
    /// </summary>
    public async Task<(bool HasValue, object? Value, Exception? Exception)> RunAsync(string code, string filePath, CancellationToken cancellationToken = default)
    {
        await StartAsync();
        state = state is null
            ? await CSharpScript.Create(code, options.WithFilePath(filePath), assemblyLoader: loader).RunAsync(catchException: _ => true, cancellationToken: cancellationToken)
            : await state.ContinueWithAsync(code, options.WithFilePath(filePath), catchException: _ => true, cancellationToken);
        if (state.Exception is { } exception) return (false, null, exception);
        var hasValue = HasReturnValueMethod is not null
            ? (bool)HasReturnValueMethod.Invoke(state.Script, null)!
            : state.ReturnValue is not null;
        return (hasValue, state.ReturnValue, null);
    }

    /// <summary>The 1-based line in <paramref name="filePath"/> where <paramref name="exception"/> was thrown from cell code, if known.</summary>
    public static int? LineOf(Exception exception, string filePath)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            var frames = new StackTrace(e, fNeedFileInfo: true).GetFrames();
            // Roslyn roots a relative script path at the base directory, so match the end of the recorded name.
            var frame = frames.FirstOrDefault(f => f.GetFileName() is { } name && f.GetFileLineNumber() > 0
                && (name == filePath || name.EndsWith("/" + filePath, StringComparison.Ordinal) || name.EndsWith("\\" + filePath, StringComparison.Ordinal)));
            if (frame is not null) return frame.GetFileLineNumber();
        }
        return null;
    }
}
