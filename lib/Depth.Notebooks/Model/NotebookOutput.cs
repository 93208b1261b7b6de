using System.Text.Json;
using System.Text.Json.Nodes;

namespace Depth.Notebooks.Model;

/// <summary>A read-only view over one nbformat output object (<c>stream</c>, <c>display_data</c>,
/// <c>execute_result</c> or <c>error</c>).</summary>
public sealed class NotebookOutput(JsonObject json)
{
    /// <summary>The output's JSON object.</summary>
    public JsonObject Json { get; } = json;

    /// <summary><c>execute_result</c>, <c>display_data</c>, <c>stream</c> or <c>error</c>.</summary>
    public string OutputType => Text(Json["output_type"]) ?? "";

    /// <summary><c>stdout</c> / <c>stderr</c> for a stream, else null.</summary>
    public string? StreamName => Text(Json["name"]);

    /// <summary>A stream's text, else null.</summary>
    public string? StreamText => Text(Json["text"]);

    /// <summary>An error's <c>ename</c>.</summary>
    public string? ErrorName => Text(Json["ename"]);

    /// <summary>An error's <c>evalue</c>.</summary>
    public string? ErrorValue => Text(Json["evalue"]);

    /// <summary>An error's <c>traceback</c> lines.</summary>
    public IReadOnlyList<string> Traceback =>
        Json["traceback"] is JsonArray lines ? [.. lines.Select(l => Text(l) ?? "")] : [];

    /// <summary>The MIME types of a display or result, in the order stored.</summary>
    public IReadOnlyList<string> MimeTypes => Json["data"] is JsonObject data ? [.. data.Select(p => p.Key)] : [];

    /// <summary>The content of <paramref name="mimeType"/> as text (a JSON value that is not a string as its JSON
    /// text), or null when the output has none.</summary>
    public string? Data(string mimeType) => Json["data"]?[mimeType] switch
    {
        null => null,
        JsonArray or JsonValue when Text(Json["data"]![mimeType]) is { } text => text,
        var node => node.ToJsonString(),
    };

    /// <summary>The content of a JSON MIME type (<c>application/…+json</c>) as a JSON value: nbformat stores it as
    /// one, the .NET kernel sends it to Jupyter as a string of JSON; both read the same. Null when the output has
    /// none or it is not JSON.</summary>
    public JsonNode? JsonData(string mimeType)
    {
        var node = Json["data"]?[mimeType];
        if (node is null || node is JsonObject) return node;
        try { return Text(node) is { } text ? JsonNode.Parse(text) : node; }
        catch (JsonException) { return null; }
    }

    /// <summary>An nbformat multiline string (a string or an array of strings to concatenate), or null.</summary>
    public static string? Text(JsonNode? node) => node switch
    {
        JsonArray lines when lines.All(l => l is JsonValue v && v.GetValueKind() == JsonValueKind.String) =>
            string.Concat(lines.Select(l => l!.GetValue<string>())),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => null,
    };
}
