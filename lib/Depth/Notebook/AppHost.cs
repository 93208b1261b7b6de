using System.Diagnostics;
using System.Globalization;
using System.Reflection;

namespace Depth;

/// <summary>
/// The runtime of the course's file-based apps (<c>apps/NN-name.cs</c>, generated from the notebooks by
/// <c>./course apps</c>): the command line (<c>--quick</c>, <c>--param name=value</c>, <c>--out folder</c>) that
/// overrides the parameters cell as <c>./course run</c> does, <see cref="display"/> for a cell's output (text for
/// values, one offline HTML file per chart), and a failure that ends the app with one readable line and a non-zero
/// exit code.
/// </summary>
public sealed class AppHost
{
    /// <summary>Exit code of a command-line error (unknown option or parameter, unparsable value).</summary>
    public const int UsageExitCode = 2;

    /// <summary>Exit code of a failed claim or any other exception.</summary>
    public const int FailureExitCode = 1;

    /// <summary>The parameter that <c>--quick</c> sets to true.</summary>
    public const string QuickName = "quick";

    private static AppHost? current;
    private readonly Dictionary<string, string> overrides;
    private int charts;

    private AppHost(string name, string outputFolder, Dictionary<string, string> overrides)
    {
        Name = name;
        OutputFolder = outputFolder;
        this.overrides = overrides;
    }

    /// <summary>The lesson's name, e.g. <c>01-parameters</c>.</summary>
    public string Name { get; }

    /// <summary>Where charts are written: <c>--out</c>, else <c>out/&lt;name&gt;</c> next to the app's source file.</summary>
    public string OutputFolder { get; }

    /// <summary>Chart files written so far.</summary>
    public int Charts => charts;

    /// <summary>
    /// Parses the command line of app <paramref name="name"/> whose parameters cell declares
    /// <paramref name="parameters"/>, and makes any later unhandled exception end the app with one line on stderr and
    /// exit code <see cref="FailureExitCode"/>. A command-line error ends the app with exit code
    /// <see cref="UsageExitCode"/>. As in <c>./course run</c>, <c>--quick</c> sets <c>quick = true</c> when the cell
    /// declares it, unless <c>--param quick=…</c> says otherwise.
    /// </summary>
    public static AppHost Start(string[] args, string name, params string[] parameters)
    {
        ArgumentNullException.ThrowIfNull(args);
        AppDomain.CurrentDomain.UnhandledException += (_, e) => Fail(name, e.ExceptionObject as Exception);
        if (args.Any(a => a is "-h" or "--help"))
        {
            Console.WriteLine($"usage: {name} [--quick] [--param name=value]... [--out folder]");
            Console.WriteLine($"parameters: {string.Join(", ", parameters)}");
            Environment.Exit(0);
        }
        var (values, output, error) = ParseArguments(args, parameters);
        if (error is not null) Usage(name, error);
        var folder = Path.GetFullPath(output ?? Path.Combine(SourceFolder(), "out", name));
        return current = new AppHost(name, folder, values);
    }

    /// <summary>The overrides (name → value text), the <c>--out</c> folder and the first error, if any, of a command
    /// line for a parameters cell that declares <paramref name="parameters"/>.</summary>
    internal static (Dictionary<string, string> Values, string? Output, string? Error) ParseArguments(
        string[] args, string[] parameters)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string? output = null;
        var quick = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            string? value = null;
            if (arg is "--param" or "--out")
            {
                if (i + 1 == args.Length) return (values, output, $"{arg} needs a value");
                value = args[++i];
            }
            else if (arg.StartsWith("--param=", StringComparison.Ordinal) || arg.StartsWith("--out=", StringComparison.Ordinal))
                (arg, value) = (arg[..arg.IndexOf('=', StringComparison.Ordinal)], arg[(arg.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            if (arg == "--quick") quick = true;
            else if (arg == "--out") output = value;
            else if (arg == "--param")
            {
                var eq = value!.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0) return (values, output, $"--param expects name=value, got '{value}'");
                var key = value[..eq].Trim();
                if (!parameters.Contains(key))
                    return (values, output, $"parameter '{key}' is not declared in the parameters cell (declared: {string.Join(", ", parameters)})");
                values[key] = value[(eq + 1)..];
            }
            else return (values, output, $"unknown argument '{arg}' (usage: [--quick] [--param name=value]... [--out folder])");
        }
        if (quick && parameters.Contains(QuickName)) values.TryAdd(QuickName, "true");
        return (values, output, null);
    }

    /// <summary>The value given on the command line for parameter <paramref name="name"/>, parsed as
    /// <typeparamref name="T"/> (invariant culture), else <paramref name="value"/> (the notebook's). An unparsable
    /// value ends the app with exit code <see cref="UsageExitCode"/>.</summary>
    public T Param<T>(string name, T value)
    {
        if (!overrides.TryGetValue(name, out var text)) return value;
        var (parsed, error) = Convert(typeof(T), name, text);
        if (error is not null) Usage(Name, error);
        return (T)parsed!;
    }

    /// <summary>The command-line text <paramref name="text"/> of parameter <paramref name="name"/> as a value of
    /// <paramref name="type"/> (invariant culture; floating-point values must be finite), or why it is not one.</summary>
    internal static (object? Value, string? Error) Convert(Type type, string name, string text)
    {
        if (!Supported.Contains(type))
            return (null, $"parameter '{name}' has type {TypeName(type)}; only bool, integer, floating-point and string parameters can be overridden");
        return Parse(type, type == typeof(string) ? text : text.Trim()) is { } parsed
            ? (parsed, null)
            : (null, $"parameter '{name}' is {TypeName(type)}; '{text}' is not a valid {TypeName(type)}");
    }

    /// <summary>Prints what <paramref name="value"/> shows in a notebook: a chart (a <see cref="Figure"/>) is written
    /// to <see cref="OutputFolder"/> as a self-contained HTML page (plotly.js inside, no network needed) and its path
    /// printed; any other value is printed as text — its type's text/plain formatter if it has one (the formatter the
    /// kernel uses, e.g. <see cref="Table"/>), else <c>ToString()</c>.</summary>
    /// <remarks>Named in lower case as the kernel's <c>display(…)</c>, so a cell's call reads the same in the app.</remarks>
    public static void display(object? value)
    {
        if (value is Figure figure)
        {
            var host = current ?? throw new InvalidOperationException("AppHost.Start was not called: no folder for charts");
            Directory.CreateDirectory(host.OutputFolder);
            var path = Path.Combine(host.OutputFolder, $"chart-{++host.charts:00}.html");
            File.WriteAllText(path, ChartPage.Of(figure));
            Console.WriteLine($"chart: {figure.Layout.Title} → {path}");
            return;
        }
        Console.WriteLine(Text(value));
    }

    /// <summary>The closing line: claims checked and charts written.</summary>
    public void Finish() =>
        Console.WriteLine($"{Name}: {Claim.Passed} claims ✓, {Claim.Failed} ✗; {charts} chart(s) in {OutputFolder}");

    /// <summary>The text a value shows as: its type's text/plain convention formatter, else <c>ToString()</c>.</summary>
    public static string Text(object? value)
    {
        if (value is null) return "<null>";
        var source = value.GetType().GetCustomAttribute<TypeFormatterSourceAttribute>(inherit: true)?.FormatterSourceType;
        if (source?.GetMethod("CreateTypeFormatters")?.Invoke(Activator.CreateInstance(source, nonPublic: true), null)
            is IEnumerable<object> formatters)
        {
            foreach (var formatter in formatters.OfType<ConventionFormatter>().Where(f => f.MimeType == "text/plain"))
            {
                using var writer = new StringWriter(CultureInfo.InvariantCulture);
                if (formatter.Format(value, writer)) return writer.ToString();
            }
        }
        return value.ToString() ?? "";
    }

    // The folder of the app's source file (file-based apps record it as EntryPointFileDirectoryPath), else the
    // current directory.
    private static string SourceFolder() =>
        AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Directory.GetCurrentDirectory();

    private static readonly Type[] Supported =
        [typeof(string), typeof(bool), typeof(int), typeof(long), typeof(short), typeof(byte), typeof(double), typeof(float), typeof(decimal)];

    private static object? Parse(Type type, string text)
    {
        var inv = CultureInfo.InvariantCulture;
        const NumberStyles integer = NumberStyles.Integer, real = NumberStyles.Float;
        return type switch
        {
            _ when type == typeof(string) => text,
            _ when type == typeof(bool) => bool.TryParse(text, out var b) ? b : null,
            _ when type == typeof(int) => int.TryParse(text, integer, inv, out var v) ? v : null,
            _ when type == typeof(long) => long.TryParse(text, integer, inv, out var v) ? v : null,
            _ when type == typeof(short) => short.TryParse(text, integer, inv, out var v) ? v : null,
            _ when type == typeof(byte) => byte.TryParse(text, integer, inv, out var v) ? v : null,
            _ when type == typeof(double) => double.TryParse(text, real, inv, out var v) && double.IsFinite(v) ? v : null,
            _ when type == typeof(float) => float.TryParse(text, real, inv, out var v) && float.IsFinite(v) ? v : null,
            _ when type == typeof(decimal) => decimal.TryParse(text, real, inv, out var v) ? v : null,
            _ => null,
        };
    }

    private static string TypeName(Type type) => type == typeof(int) ? "int" : type == typeof(long) ? "long"
        : type == typeof(double) ? "double" : type == typeof(float) ? "float" : type == typeof(bool) ? "bool"
        : type == typeof(string) ? "string" : type.Name;

    private static string Usage(string name, string message)
    {
        Console.Error.WriteLine($"{name}: {message}");
        Environment.Exit(UsageExitCode);
        return "";
    }

    // One line on stderr for an exception nothing caught: a failed claim (its ✗ line is already printed), or the
    // exception's type and message and the line of the app it came from; then exit code 1.
    private static void Fail(string name, Exception? e)
    {
        while (e is TypeInitializationException or TargetInvocationException && e.InnerException is not null)
            e = e.InnerException;
        var message = e switch
        {
            ClaimFailedException claim => $"claim failed: {claim.Message}",
            null => "failed",
            _ => $"{e.GetType().Name}: {e.Message}{Where(e)}",
        };
        Console.Out.Flush();
        Console.Error.WriteLine($"{name}: {message}");
        Environment.Exit(FailureExitCode);
    }

    // " (at NN-name.cs:line 123)": the deepest frame of the exception's stack trace in the app's own source file.
    private static string Where(Exception e)
    {
        var source = AppContext.GetData("EntryPointFilePath") as string;
        var frame = new StackTrace(e, fNeedFileInfo: true).GetFrames()
            .FirstOrDefault(f => source is not null && f.GetFileName() == source);
        return frame is null ? "" : $" (at {Path.GetFileName(source)}:line {frame.GetFileLineNumber()})";
    }
}
