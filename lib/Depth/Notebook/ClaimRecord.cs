using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Depth;

/// <summary>
/// A claim's outcome as data, for the course engine: displayed next to the printed ✓/✗ line as a
/// <c>display_data</c> output of MIME type <see cref="MimeType"/> (JSON: <c>id</c>, <c>holds</c>,
/// <c>statement</c>, <c>detail</c>, <c>bounds</c> [{<c>name</c>, <c>value</c>, <c>op</c>,
/// <c>threshold</c>, <c>margin</c>}], <c>text</c> = the printed line), plus an empty
/// <c>text/plain</c> so that a front end with no renderer for the type shows nothing rather than
/// a warning. Only inside the .NET Interactive kernel: a file-based app or a test just prints.
/// </summary>
[TypeFormatterSource(typeof(ClaimRecordFormatterSource), PreferredMimeTypes = [MimeType, "text/plain"])]
internal sealed class ClaimRecord(ClaimResult result)
{
    /// <summary>The course's own MIME type for a claim; no front end renders it.</summary>
    public const string MimeType = "application/vnd.depth.claim+json";

    private static readonly JsonSerializerOptions Options = new()
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    // Microsoft.DotNet.Interactive.Kernel.display(object, params string[]), found by name so that the library needs
    // no reference to the kernel; null outside it.
    private static readonly Lazy<MethodInfo?> Display = new(() => AppDomain.CurrentDomain.GetAssemblies()
        .Where(a => a.GetName().Name == "Microsoft.DotNet.Interactive")
        .Select(a => a.GetType("Microsoft.DotNet.Interactive.Kernel", throwOnError: false)
                      ?.GetMethod("display", BindingFlags.Public | BindingFlags.Static, [typeof(object), typeof(string[])]))
        .FirstOrDefault(m => m is not null));

    /// <summary>The claim.</summary>
    public ClaimResult Result { get; } = result;

    /// <summary>The JSON document described above.</summary>
    public string ToJson()
    {
        var bounds = new JsonArray();
        foreach (var b in Result.Bounds ?? [])
            bounds.Add(new JsonObject
            {
                ["name"] = b.Name,
                ["value"] = JsonSerializer.SerializeToNode(b.Value, Options),
                ["op"] = b.Kind == BoundKind.Above ? ">" : "<",
                ["threshold"] = JsonSerializer.SerializeToNode(b.Threshold, Options),
                ["margin"] = JsonSerializer.SerializeToNode(b.Margin, Options),
            });
        return new JsonObject
        {
            ["id"] = Result.Id,
            ["holds"] = Result.Holds,
            ["statement"] = Result.Statement,
            ["detail"] = Result.Detail,
            ["bounds"] = bounds,
            ["text"] = Result.ToString(),
        }.ToJsonString();
    }

    /// <summary>Displays the record in the running kernel, if there is one; does nothing elsewhere.</summary>
    public static void Show(ClaimResult result)
    {
        if (Display.Value is { } display) display.Invoke(null, [new ClaimRecord(result), Array.Empty<string>()]);
    }
}

/// <summary>Formatters (.NET Interactive convention) for <see cref="ClaimRecord"/>: its JSON, and empty text.</summary>
internal sealed class ClaimRecordFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new ConventionFormatter(typeof(ClaimRecord), ClaimRecord.MimeType, (o, w) => w.Write(((ClaimRecord)o).ToJson()));
        yield return new ConventionFormatter(typeof(ClaimRecord), "text/plain", (_, _) => { });
    }
}
