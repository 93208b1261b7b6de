using System.Text.Json;
using System.Text.Json.Nodes;

namespace Depth.Notebooks.Model;

/// <summary>A view over one nbformat cell object; edits write straight into the notebook's JSON.</summary>
public sealed class NotebookCell
{
    /// <summary>Wraps an existing cell object.</summary>
    public NotebookCell(JsonObject json) => Json = json;

    /// <summary>The cell's JSON object.</summary>
    public JsonObject Json { get; }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? throw new FormatException("a cell has no cell_type");

    /// <summary>True for code cells.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>Cell metadata (created on first use).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>
    /// The source text. nbformat allows a string or a list of lines; reading joins the list, and
    /// writing keeps the form the cell already used (a list of lines for new cells).
    /// </summary>
    public string Source
    {
        get => NotebookOutput.Text(Json["source"]) ?? "";
        set => Json["source"] = Json["source"] is JsonValue { } s && s.GetValueKind() == JsonValueKind.String
            ? JsonValue.Create(value)
            : SplitLines(value);
    }

    /// <summary>The cell's tags (<c>metadata.tags</c>).</summary>
    public IReadOnlyList<string> Tags =>
        Json["metadata"]?["tags"] is JsonArray tags ? tags.Select(t => NotebookOutput.Text(t) ?? "").ToList() : [];

    /// <summary>The outputs array of a code cell (created on first use).</summary>
    public JsonArray Outputs => Json["outputs"] as JsonArray ?? (JsonArray)(Json["outputs"] = new JsonArray());

    /// <summary>The outputs of a code cell as views, in order (empty for other cells).</summary>
    public IReadOnlyList<NotebookOutput> OutputViews =>
        Json["outputs"] is JsonArray outputs ? [.. outputs.OfType<JsonObject>().Select(o => new NotebookOutput(o))] : [];

    /// <summary>How long the cell ran, from <c>metadata.execution</c> (<c>iopub.execute_input</c> to
    /// <c>shell.execute_reply</c>, as Jupyter records it), or null.</summary>
    public TimeSpan? Duration =>
        Time("iopub.execute_input") is { } start && Time("shell.execute_reply") is { } end ? end - start : null;

    private DateTimeOffset? Time(string name) =>
        NotebookOutput.Text(Json["metadata"]?["execution"]?[name]) is { } s
        && DateTimeOffset.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
                                   System.Globalization.DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    /// <summary>The execution count of a code cell (null when not executed).</summary>
    public int? ExecutionCount
    {
        get => Json["execution_count"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : null;
        set => Json["execution_count"] = value is { } n ? JsonValue.Create(n) : null;
    }

    /// <summary>A new code cell in the Polyglot dialect (C# kernel metadata) with the given tags.</summary>
    public static NotebookCell NewCode(string source, params string[] tags)
    {
        var metadata = new JsonObject
        {
            ["dotnet_interactive"] = new JsonObject { ["language"] = "csharp" },
            ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "csharp" },
        };
        if (tags.Length > 0) metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray());
        return new NotebookCell(new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = metadata,
            ["outputs"] = new JsonArray(),
            ["source"] = SplitLines(source),
        });
    }

    /// <summary>Splits text into nbformat lines (each keeps its trailing newline).</summary>
    public static JsonArray SplitLines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            array.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }
}
