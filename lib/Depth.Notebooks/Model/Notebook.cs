using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Depth.Notebooks.Model;

/// <summary>
/// An nbformat 4.x notebook kept as its JSON tree, so every field — including metadata this
/// model does not know — survives a read/write round trip. Cells are views over that tree.
/// </summary>
public sealed class Notebook
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        IndentSize = 1,                                   // Jupyter's json.dumps(indent=1)
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, // ensure_ascii=False
    };

    private Notebook(JsonObject json) => Json = json;

    /// <summary>The whole document (nbformat, metadata, cells).</summary>
    public JsonObject Json { get; }

    /// <summary>The notebook's cells in order (a live view over <see cref="Json"/>).</summary>
    public IReadOnlyList<NotebookCell> Cells =>
        CellArray.Select(c => new NotebookCell(c as JsonObject ?? throw new FormatException("a cell is not a JSON object"))).ToList();

    /// <summary>Top-level notebook metadata.</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    private JsonArray CellArray => Json["cells"] as JsonArray ?? throw new FormatException("the notebook has no 'cells' array");

    /// <summary>Parses nbformat 4 JSON; <paramref name="origin"/> names the source in errors.</summary>
    public static Notebook Parse(string json, string origin = "notebook")
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false });
        }
        catch (JsonException e)
        {
            throw new FormatException($"{origin}: not valid JSON ({e.Message})", e);
        }
        if (node is not JsonObject obj) throw new FormatException($"{origin}: the top level is not a JSON object");
        var major = obj["nbformat"]?.GetValueKind() == JsonValueKind.Number ? obj["nbformat"]!.GetValue<int>() : -1;
        if (major != 4) throw new FormatException($"{origin}: nbformat {major} is not supported (expected 4)");
        if (obj["cells"] is not JsonArray) throw new FormatException($"{origin}: the notebook has no 'cells' array");
        return new Notebook(obj);
    }

    /// <summary>Reads a notebook file.</summary>
    public static Notebook Load(string path) => Parse(File.ReadAllText(path, Encoding.UTF8), path);

    /// <summary>A deep copy (the copy shares nothing with this notebook).</summary>
    public Notebook Clone() => new((JsonObject)Json.DeepClone());

    /// <summary>Serialises as Jupyter does: one-space indent, non-ASCII kept, a final newline.</summary>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions)) Json.WriteTo(writer);
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes the notebook atomically (a temporary file in the same folder, then a rename).</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Removes every cell matching <paramref name="match"/>.</summary>
    public void RemoveCells(Func<NotebookCell, bool> match)
    {
        foreach (var cell in Cells.Where(match).ToList()) CellArray.Remove(cell.Json);
    }

    /// <summary>Inserts <paramref name="cell"/> at <paramref name="index"/>.</summary>
    public void InsertCell(int index, NotebookCell cell) => CellArray.Insert(index, cell.Json);

    /// <summary>The text of the first markdown <c># </c> heading, or null.</summary>
    public string? Title()
    {
        foreach (var cell in Cells.Where(c => c.CellType == "markdown"))
            foreach (var line in cell.Source.Split('\n'))
                if (line.StartsWith("# ", StringComparison.Ordinal)) return line[2..].Trim();
        return null;
    }
}
