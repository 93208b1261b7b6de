namespace Depth.Notebooks.Formatting;

/// <summary>Markup that is already HTML (the kernel's <c>HTML("…")</c>): displayed as <c>text/html</c> unescaped.</summary>
/// <param name="Html">The markup.</param>
public sealed record HtmlContent(string Html)
{
    /// <inheritdoc/>
    public override string ToString() => Html;
}
