using System.Globalization;
using System.Text.Json;

namespace Depth.Notebooks.Site;

/// <summary>One output of a code cell, as nbformat 4 stores it.</summary>
/// <param name="OutputType"><c>execute_result</c>, <c>display_data</c>, <c>stream</c> or <c>error</c>.</param>
/// <param name="Data">Mime type → content (display outputs); empty for stream and error.</param>
/// <param name="StreamName"><c>stdout</c> / <c>stderr</c> for streams.</param>
/// <param name="Text">Stream text.</param>
/// <param name="ErrorName">Error <c>ename</c>.</param>
/// <param name="ErrorValue">Error <c>evalue</c>.</param>
/// <param name="Traceback">Error <c>traceback</c> lines.</param>
internal sealed record CellOutput(string OutputType, IReadOnlyDictionary<string, string> Data, string? StreamName,
                                  string? Text, string? ErrorName, string? ErrorValue, IReadOnlyList<string> Traceback);

/// <summary>One cell of an executed notebook.</summary>
/// <param name="CellType"><c>markdown</c>, <c>code</c> or <c>raw</c>.</param>
/// <param name="Source">The cell's source text.</param>
/// <param name="Tags">Cell tags (e.g. <c>parameters</c>).</param>
/// <param name="Outputs">Outputs of a code cell, in order.</param>
/// <param name="Duration">Execution time from <c>metadata.execution</c>, if recorded.</param>
internal sealed record NotebookCell(string CellType, string Source, IReadOnlyList<string> Tags,
                                    IReadOnlyList<CellOutput> Outputs, TimeSpan? Duration);

/// <summary>Reads the parts of an executed nbformat 4 notebook the site shows.</summary>
internal static class ExecutedNotebook
{
    /// <summary>Reads the cells of the notebook at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">The executed notebook does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not an nbformat 4 notebook.</exception>
    public static IReadOnlyList<NotebookCell> Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"Executed notebook '{path}' does not exist; the site needs it to build the lesson page.", path);
        JsonDocument doc;
        try { doc = JsonDocument.Parse(File.ReadAllBytes(path)); }
        catch (JsonException e) { throw new InvalidDataException($"Executed notebook '{path}' is not valid JSON: {e.Message}", e); }
        using (doc)
        {
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("cells", out var cells) || cells.ValueKind != JsonValueKind.Array)
                throw new InvalidDataException($"Executed notebook '{path}' has no 'cells' array (not nbformat 4).");
            var result = new List<NotebookCell>();
            var index = 0;
            foreach (var cell in cells.EnumerateArray())
            {
                try { result.Add(ReadCell(cell)); }
                catch (Exception e) when (e is InvalidOperationException or KeyNotFoundException or FormatException)
                {
                    throw new InvalidDataException($"Executed notebook '{path}', cell {index}: {e.Message}", e);
                }
                index++;
            }
            return result;
        }
    }

    private static NotebookCell ReadCell(JsonElement cell)
    {
        var type = cell.GetProperty("cell_type").GetString() ?? "";
        var source = cell.TryGetProperty("source", out var s) ? MultilineText(s) : "";
        var tags = new List<string>();
        TimeSpan? duration = null;
        if (cell.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            if (meta.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array)
                tags.AddRange(t.EnumerateArray().Select(x => x.GetString() ?? "").Where(x => x.Length > 0));
            if (meta.TryGetProperty("execution", out var ex) && ex.ValueKind == JsonValueKind.Object
                && TryTime(ex, "iopub.execute_input", out var start) && TryTime(ex, "shell.execute_reply", out var end))
                duration = end - start;
        }
        var outputs = new List<CellOutput>();
        if (cell.TryGetProperty("outputs", out var outs) && outs.ValueKind == JsonValueKind.Array)
            outputs.AddRange(outs.EnumerateArray().Select(ReadOutput));
        return new NotebookCell(type, source, tags, outputs, duration);
    }

    private static CellOutput ReadOutput(JsonElement o)
    {
        var type = o.GetProperty("output_type").GetString() ?? "";
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        if (o.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object)
            foreach (var p in d.EnumerateObject())
                data[p.Name] = p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Array ? MultilineText(p.Value) : p.Value.GetRawText();
        var traceback = o.TryGetProperty("traceback", out var tb) && tb.ValueKind == JsonValueKind.Array
            ? tb.EnumerateArray().Select(x => x.GetString() ?? "").ToList()
            : [];
        return new CellOutput(type, data,
            Str(o, "name"), o.TryGetProperty("text", out var text) ? MultilineText(text) : null,
            Str(o, "ename"), Str(o, "evalue"), traceback);
    }

    private static string? Str(JsonElement o, string name) =>
        o.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>nbformat "multiline string": a string or an array of strings to concatenate.</summary>
    private static string MultilineText(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString() ?? "",
        JsonValueKind.Array => string.Concat(e.EnumerateArray().Select(x => x.GetString() ?? "")),
        JsonValueKind.Null => "",
        _ => throw new FormatException($"expected a string or an array of strings, got {e.ValueKind}"),
    };

    private static bool TryTime(JsonElement o, string name, out DateTimeOffset time)
    {
        time = default;
        return Str(o, name) is { } s
            && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out time);
    }
}
