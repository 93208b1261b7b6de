using System.Text;
using System.Text.Json.Nodes;

namespace Depth.Notebooks.Execution;

/// <summary>
/// The outputs one cell produced in the kernel, in nbformat form, as the notebook front ends save them: consecutive
/// writes to one stream share one <c>stream</c> output, displays become <c>display_data</c> (updated in place by their
/// value id), the trailing value an <c>execute_result</c>, a failure an <c>error</c>. Text is gathered in linear time
/// and cut past <see cref="TextLimit"/> characters per cell (a note says how much was cut), so a cell that prints
/// megabytes neither slows the run down nor bloats the executed copy and its page. Thread-safe.
/// </summary>
public sealed class CellOutputs(int textLimit = CellOutputs.DefaultTextLimit)
{
    /// <summary>Default for <see cref="TextLimit"/>: 256 Ki characters of printed text per cell.</summary>
    public const int DefaultTextLimit = 256 * 1024;

    /// <summary>Rich outputs (HTML, charts) larger than this many characters are replaced by a note.</summary>
    public const int RichLimit = 8 * 1024 * 1024;

    private readonly object gate = new();
    private readonly List<Output> outputs = [];
    private readonly Dictionary<string, Output> displays = new(StringComparer.Ordinal);
    private string partialLine = "";
    private long textKept, textCut;

    /// <summary>Printed characters kept per cell; the rest is counted and reported in a note.</summary>
    public int TextLimit { get; } = textLimit;

    /// <summary>Called with the last complete non-blank line of each stdout write (a training loop's progress line),
    /// outside the lock, on the calling thread.</summary>
    public Action<string>? LineWritten { get; set; }

    /// <summary>Appends printed text to the current stream output of <paramref name="name"/> (stdout / stderr).</summary>
    public void AppendStream(string name, string text)
    {
        if (text.Length == 0) return;
        string? completed = null;
        lock (gate)
        {
            if (name == "stdout") completed = CompleteLine(text);
            var keep = (int)Math.Clamp(TextLimit - textKept, 0, text.Length);
            textKept += keep;
            textCut += text.Length - keep;
            if (keep > 0)
            {
                if (outputs.Count > 0 && outputs[^1] is { Kind: "stream" } last && last.StreamName == name)
                    last.Text.Append(text, 0, keep);
                else outputs.Add(new Output("stream", name).Append(text[..keep]));
            }
        }
        if (completed is not null) LineWritten?.Invoke(completed);
    }

    private string? CompleteLine(string text)   // caller holds the lock
    {
        if (LineWritten is null) return null;
        var end = text.LastIndexOf('\n');
        if (end < 0)
        {
            partialLine = partialLine.Length < 4096 ? partialLine + text : partialLine;
            return null;
        }
        var pending = partialLine + text[..end];
        partialLine = text[(end + 1)..];
        return pending.Split('\n').Select(l => l.TrimEnd('\r')).LastOrDefault(l => l.Trim().Length > 0);
    }

    /// <summary>A <c>display_data</c> output (or, for <paramref name="isResult"/>, the cell's <c>execute_result</c>);
    /// a later display with the same <paramref name="valueId"/> replaces its data, as <c>DisplayedValue.Update</c> does.</summary>
    public void Display(IReadOnlyList<(string MimeType, string Value)> data, string? valueId, bool isResult = false)
    {
        lock (gate)
        {
            if (valueId is not null && displays.TryGetValue(valueId, out var shown))
            {
                shown.Data = Limit(data);
                return;
            }
            var output = new Output(isResult ? "execute_result" : "display_data", null) { Data = Limit(data) };
            outputs.Add(output);
            if (valueId is not null) displays[valueId] = output;
        }
    }

    /// <summary>Replaces a display made earlier in the cell (<c>DisplayedValue.Update</c>). Kernel 1.0.712001 sends the
    /// update with a value id other than the display's, so an unknown id updates the cell's latest display.</summary>
    public void Update(IReadOnlyList<(string MimeType, string Value)> data, string? valueId)
    {
        lock (gate)
        {
            var target = valueId is not null && displays.TryGetValue(valueId, out var shown)
                ? shown
                : outputs.LastOrDefault(o => o.Kind == "display_data");
            if (target is null) outputs.Add(target = new Output("display_data", null));
            target.Data = Limit(data);
        }
    }

    /// <summary>Adds an <c>error</c> output.</summary>
    public void Error(string name, string value, IEnumerable<string> traceback)
    {
        lock (gate) outputs.Add(new Output("error", null) { ErrorName = name, ErrorValue = value, Traceback = [.. traceback] });
    }

    /// <summary>Characters of printed text cut so far.</summary>
    public long TextCut
    {
        get { lock (gate) return textCut; }
    }

    /// <summary>The outputs as nbformat JSON; <paramref name="executionCount"/> goes into the <c>execute_result</c>.</summary>
    public JsonArray ToJson(int executionCount)
    {
        lock (gate)
        {
            var array = new JsonArray();
            foreach (var o in outputs) array.Add(o.ToJson(executionCount));
            if (textCut > 0)
                array.Add(new Output("stream", "stderr").Append(
                    $"[course: output truncated — {textCut:N0} of {textCut + textKept:N0} printed characters cut; the limit is {TextLimit:N0} per cell]\n")
                    .ToJson(executionCount));
            return array;
        }
    }

    private static List<(string, string)> Limit(IReadOnlyList<(string MimeType, string Value)> data)
    {
        var size = data.Sum(d => (long)d.Value.Length);
        if (size <= RichLimit) return [.. data];
        return [("text/plain", $"[course: a display of {size:N0} characters was left out; the limit is {RichLimit:N0}]")];
    }

    private sealed class Output(string kind, string? streamName)
    {
        public string Kind { get; } = kind;
        public string? StreamName { get; } = streamName;
        public StringBuilder Text { get; } = new();
        public List<(string MimeType, string Value)> Data { get; set; } = [];
        public string ErrorName { get; init; } = "";
        public string ErrorValue { get; init; } = "";
        public List<string> Traceback { get; init; } = [];

        public Output Append(string text)
        {
            Text.Append(text);
            return this;
        }

        public JsonObject ToJson(int executionCount) => Kind switch
        {
            "stream" => new JsonObject
            {
                ["name"] = StreamName,
                ["output_type"] = "stream",
                ["text"] = Model.NotebookCell.SplitLines(Text.ToString()),
            },
            "error" => new JsonObject
            {
                ["ename"] = ErrorName,
                ["evalue"] = ErrorValue,
                ["output_type"] = "error",
                ["traceback"] = new JsonArray([.. Traceback.Select(t => (JsonNode)JsonValue.Create(t)!)]),
            },
            _ => WithCount(new JsonObject
            {
                ["data"] = DataJson(),
                ["metadata"] = new JsonObject(),
                ["output_type"] = Kind,
            }, executionCount),
        };

        private JsonObject WithCount(JsonObject o, int executionCount)
        {
            if (Kind == "execute_result") o["execution_count"] = executionCount;
            return o;
        }

        private JsonObject DataJson()
        {
            var json = new JsonObject();
            foreach (var (mime, value) in Data) json[mime] = JsonValueOf(mime, value) ?? Model.NotebookCell.SplitLines(value);
            return json;
        }

        // nbformat keeps JSON MIME types (application/json, application/…+json) as JSON, not as text.
        private static JsonNode? JsonValueOf(string mime, string value)
        {
            if (mime != "application/json" && !mime.EndsWith("+json", StringComparison.Ordinal)) return null;
            try { return JsonNode.Parse(value); }
            catch (System.Text.Json.JsonException) { return null; }
        }
    }
}
