using System.Text.Json.Nodes;
using Depth.Notebooks.Formatting;

namespace Depth.Notebooks.Execution;

/// <summary>
/// The outputs one cell produces while it runs, in nbformat form. Thread-safe: console writes and
/// <c>display</c> calls may come from any thread the cell starts.
/// </summary>
public sealed class CellOutputs
{
    private readonly object gate = new();

    /// <summary>The output objects collected so far.</summary>
    public JsonArray Outputs { get; } = [];

    private string partialLine = "";

    /// <summary>
    /// Called with each complete line the cell prints to stdout (the last one, when one write holds several), e.g. to
    /// show a long cell's own progress lines while it runs. Called outside any lock, on the writing thread.
    /// </summary>
    public Action<string>? LineWritten { get; set; }

    /// <summary>Appends console text; consecutive writes to the same stream share one output (as Jupyter saves them).</summary>
    public void AppendStream(string name, string text)
    {
        if (text.Length == 0) return;
        string? completed = null;
        lock (gate)
        {
            if (name == "stdout" && LineWritten is not null)
            {
                var pending = partialLine + text;
                int end = pending.LastIndexOf('\n');
                if (end >= 0)
                {
                    completed = pending[..end].Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.Trim().Length > 0);
                    partialLine = pending[(end + 1)..];
                }
                else partialLine = pending;
            }
            Append(name, text);
        }
        if (completed is not null) LineWritten?.Invoke(completed);
    }

    private void Append(string name, string text)   // caller holds the lock
    {
        if (Outputs.Count > 0 && Outputs[^1] is JsonObject last && (string?)last["output_type"] == "stream" && (string?)last["name"] == name)
        {
            var lines = (JsonArray)last["text"]!;
            var joined = string.Concat(lines.Select(l => (string?)l)) + text;
            last["text"] = Model.NotebookCell.SplitLines(joined);
            return;
        }
        Outputs.Add(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = Model.NotebookCell.SplitLines(text) });
    }

    /// <summary>Adds a display_data output and returns it (a display handle updates it in place).</summary>
    public JsonObject AddDisplay(IReadOnlyDictionary<string, string> data)
    {
        var output = new JsonObject { ["output_type"] = "display_data", ["data"] = Data(data), ["metadata"] = new JsonObject() };
        lock (gate) Outputs.Add(output);
        return output;
    }

    /// <summary>Replaces the data of a display output made by <see cref="AddDisplay"/>.</summary>
    public void UpdateDisplay(JsonObject output, IReadOnlyDictionary<string, string> data)
    {
        lock (gate) output["data"] = Data(data);
    }

    /// <summary>Adds the execute_result of a trailing expression.</summary>
    public void AddResult(int executionCount, IReadOnlyDictionary<string, string> data)
    {
        lock (gate)
            Outputs.Add(new JsonObject
            {
                ["output_type"] = "execute_result",
                ["data"] = Data(data),
                ["execution_count"] = executionCount,
                ["metadata"] = new JsonObject(),
            });
    }

    /// <summary>Adds an error output.</summary>
    public void AddError(string name, string value, IEnumerable<string> traceback)
    {
        lock (gate)
            Outputs.Add(new JsonObject
            {
                ["output_type"] = "error",
                ["ename"] = name,
                ["evalue"] = value,
                ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            });
    }

    private static JsonObject Data(IReadOnlyDictionary<string, string> data)
    {
        var json = new JsonObject();
        // html first, then plain, then anything else: the order the kernel saves them in.
        foreach (var (mime, text) in data.OrderBy(kv => kv.Key == MimeTypes.Html ? 0 : kv.Key == MimeTypes.PlainText ? 1 : 2))
            json[mime] = Model.NotebookCell.SplitLines(text);
        return json;
    }
}
