using Depth.Notebooks.Execution;
using Depth.Notebooks.Formatting;

namespace Microsoft.DotNet.Interactive;

/// <summary>
/// The helpers a .NET Interactive C# notebook gets from <c>using static Microsoft.DotNet.Interactive.Kernel</c>,
/// under the same full name so notebooks (and libraries that look the kernel up by name) work unchanged in our engine.
/// </summary>
public static class Kernel
{
    /// <summary>Shows <paramref name="value"/> as a <c>display_data</c> output of the running cell.</summary>
    /// <param name="value">The value to show.</param>
    /// <param name="mimeTypes">Optional MIME types to restrict the output to (e.g. "text/html").</param>
    /// <returns>A handle whose <see cref="DisplayedValue.Update"/> replaces the shown value.</returns>
    public static DisplayedValue display(object? value, params string[] mimeTypes)
    {
        var cell = KernelContext.Current ?? throw new InvalidOperationException("display(...) was called outside a running notebook cell");
        var output = cell.AddDisplay(OutputFormatter.Format(value, mimeTypes));
        return new DisplayedValue(cell, output, mimeTypes);
    }

    /// <summary>Marks <paramref name="content"/> as HTML, so displaying it renders markup instead of text.</summary>
    public static HtmlContent HTML(string content) => new(content);

    /// <summary>Displays a <c>&lt;script&gt;</c> element running <paramref name="scriptContent"/>.</summary>
    public static void Javascript(string scriptContent) =>
        display(new HtmlContent($"<script type=\"text/javascript\">{scriptContent}</script>"));

    /// <summary>Displays a <c>&lt;style&gt;</c> element with <paramref name="content"/>.</summary>
    public static void CSS(string content) => display(new HtmlContent($"<style>{content}</style>"));
}

/// <summary>A shown value that can be replaced (the kernel's <c>DisplayedValue</c>).</summary>
public sealed class DisplayedValue
{
    private readonly CellOutputs cell;
    private readonly System.Text.Json.Nodes.JsonObject output;
    private readonly string[] mimeTypes;

    internal DisplayedValue(CellOutputs cell, System.Text.Json.Nodes.JsonObject output, string[] mimeTypes)
    {
        this.cell = cell;
        this.output = output;
        this.mimeTypes = mimeTypes;
    }

    /// <summary>Replaces the shown value with <paramref name="updatedValue"/>.</summary>
    public void Update(object? updatedValue) => cell.UpdateDisplay(output, OutputFormatter.Format(updatedValue, mimeTypes));
}
