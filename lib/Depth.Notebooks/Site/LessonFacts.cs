using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Depth.Notebooks.Site;

/// <summary>
/// What the front page says about one lesson, read from its executed notebook: the words the
/// lesson's author put in <c>metadata.course</c> (<c>promise</c>; the course's <c>question</c> and
/// <c>outcomes</c>, kept by lesson 00), what the engine stamped there (<c>executed</c>,
/// <c>kernel</c>), whether it ran in quick mode, and its first chart.
/// </summary>
/// <param name="Promise">One line: what the lesson shows (<c>metadata.course.promise</c>), or
/// null.</param>
/// <param name="Question">The course's question (<c>metadata.course.question</c>), or null.</param>
/// <param name="Outcomes">What a learner can do after the course (<c>metadata.course.outcomes</c>),
/// or empty.</param>
/// <param name="Kernel">The kernel that ran it (<c>metadata.course.kernel</c>), or null.</param>
/// <param name="Executed">When it ran (<c>metadata.course.executed</c>), or null.</param>
/// <param name="Quick">True when the injected-parameters cell set <c>quick = true</c>.</param>
/// <param name="Preview">The first chart's figure (<c>{data, layout}</c>), or null when the lesson
/// drew none.</param>
internal sealed record LessonFacts(string? Promise, string? Question,
                                   IReadOnlyList<string> Outcomes, string? Kernel,
                                   DateTimeOffset? Executed, bool Quick, JsonObject? Preview)
{
    private static readonly Regex QuickTrue =
        new(@"\bquick\s*=\s*true\b", RegexOptions.CultureInvariant);

    /// <summary>Reads the facts of the executed notebook at <paramref name="path"/>; a missing or
    /// damaged file gives no facts (the page then shows what it can without them).</summary>
    public static LessonFacts Read(string path)
    {
        JsonNode? root;
        try { root = JsonNode.Parse(File.ReadAllText(path)); }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            root = null;
        }
        var course = root?["metadata"]?["course"] as JsonObject;
        var cells = (root?["cells"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var quick = cells.Any(c => c["metadata"]?["tags"] is JsonArray tags
                                   && tags.Any(t => Text(t) == Execution.Parameters.InjectedTag)
                                   && QuickTrue.IsMatch(Text(c["source"]) ?? ""));
        var chart = cells.SelectMany(c => c["outputs"] as JsonArray ?? [])
            .Select(o => Text(o?["data"]?["text/html"]))
            .Select(h => h is null ? null : ChartPreview.Figure(h))
            .FirstOrDefault(f => f is not null);
        var outcomes = course?["outcomes"] is JsonArray list
            ? list.Select(Text).OfType<string>().ToList()
            : [];
        DateTimeOffset? executed = DateTimeOffset.TryParse(Str(course, "executed"),
            CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
        return new LessonFacts(Str(course, "promise"), Str(course, "question"), outcomes,
                               Str(course, "kernel"), executed, quick, chart);
    }

    private static string? Str(JsonObject? o, string name) => o is null ? null : Text(o[name]);

    /// <summary>An nbformat multiline string (a string or an array of strings), or null.</summary>
    private static string? Text(JsonNode? node) => node switch
    {
        JsonArray lines => string.Concat(lines.Select(l => Text(l) ?? "")),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => null,
    };
}
