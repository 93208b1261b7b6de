using System.Text.Json;
using System.Text.Json.Nodes;
using Depth.Notebooks.Model;

namespace Depth.Notebooks.Execution;

/// <summary>One measured value of a claim and the threshold it must clear.</summary>
/// <param name="Name">What was measured.</param>
/// <param name="Value">The measured value (NaN when it was not a number).</param>
/// <param name="Op"><c>&gt;</c> (value must lie above the threshold) or <c>&lt;</c>.</param>
/// <param name="Threshold">The threshold.</param>
/// <param name="Margin">The relative margin (positive when the bound holds).</param>
public sealed record ClaimBound(string Name, double Value, string Op, double Threshold, double Margin);

/// <summary>A claim the notebook checked, as the course library's claim helper displayed it.</summary>
/// <param name="Id">Its stable id (<c>04.relu-he</c>), or null.</param>
/// <param name="Holds">Whether it held.</param>
/// <param name="Statement">What the lesson claims.</param>
/// <param name="Detail">The measured values in words, or null.</param>
/// <param name="Bounds">Its measured values and thresholds (empty for an exact claim).</param>
/// <param name="Text">The line the helper printed: <c>✓ [id] statement (detail) ⟨bounds⟩</c>.</param>
public sealed record ClaimOutcome(string? Id, bool Holds, string Statement, string? Detail,
                                  IReadOnlyList<ClaimBound> Bounds, string Text);

/// <summary>
/// The claims of an executed notebook. The course library's claim helper (<c>Depth.Claim</c>) prints a
/// ✓/✗ line for people and, in the kernel, displays the same claim as data: a <c>display_data</c> output of MIME type
/// <see cref="MimeType"/>. Only those outputs are claims: a printed or displayed line that merely starts with ✓ is
/// not, and a <c>ClaimResult</c> shown as a cell's value (text/html) is not counted twice.
/// </summary>
public static class Claims
{
    /// <summary>The claim's MIME type (as in <c>Depth.ClaimRecord</c>).</summary>
    public const string MimeType = "application/vnd.depth.claim+json";

    /// <summary>Every claim the notebook's cells displayed, in order.</summary>
    public static IReadOnlyList<ClaimOutcome> Read(Notebook notebook) =>
        [.. notebook.Cells.SelectMany(c => c.OutputViews).Select(o => o.JsonData(MimeType)).OfType<JsonObject>().Select(Parse)];

    /// <summary>(held, did not hold).</summary>
    public static (int Passed, int Failed) Count(Notebook notebook)
    {
        var claims = Read(notebook);
        var passed = claims.Count(c => c.Holds);
        return (passed, claims.Count - passed);
    }

    /// <summary>Every claim's printed line (✓ or ✗, with its detail and bounds), in order: what two runs of the same
    /// lesson compare.</summary>
    public static IReadOnlyList<string> Lines(Notebook notebook) => [.. Read(notebook).Select(c => c.Text)];

    /// <summary>A claim from its JSON (<c>id</c>, <c>holds</c>, <c>statement</c>, <c>detail</c>, <c>bounds</c>,
    /// <c>text</c>).</summary>
    /// <exception cref="FormatException">A field is missing or of the wrong type.</exception>
    public static ClaimOutcome Parse(JsonObject json)
    {
        try
        {
            var bounds = (json["bounds"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(b => new ClaimBound(Required(b, "name"), Number(b["value"]), Required(b, "op"), Number(b["threshold"]),
                                            Number(b["margin"])))
                .ToList();
            return new ClaimOutcome((string?)json["id"], (bool)json["holds"]!, Required(json, "statement"), (string?)json["detail"],
                                    bounds, Required(json, "text"));
        }
        catch (Exception e) when (e is InvalidOperationException or NullReferenceException or FormatException)
        {
            throw new FormatException($"a claim output is not a claim: {json.ToJsonString()}", e);
        }
    }

    private static string Required(JsonObject json, string name) =>
        (string?)json[name] ?? throw new FormatException($"no '{name}'");

    // JSON has no NaN or infinities: the library writes them as "NaN", "Infinity", "-Infinity".
    private static double Number(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String =>
            double.Parse(v.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => JsonSerializer.Deserialize<double>(v),
        _ => throw new FormatException($"not a number: {node?.ToJsonString() ?? "nothing"}"),
    };
}
