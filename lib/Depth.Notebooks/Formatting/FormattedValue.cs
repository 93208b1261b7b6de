namespace Depth.Notebooks.Formatting;

/// <summary>MIME type names used in outputs.</summary>
public static class MimeTypes
{
    /// <summary>text/plain</summary>
    public const string PlainText = "text/plain";

    /// <summary>text/html</summary>
    public const string Html = "text/html";
}
