namespace Depth;

/// <summary>.NET Interactive's convention-based formatter attribute (matched by name, any namespace): the
/// kernel — and our engine — create <see cref="FormatterSourceType"/>, call its <c>CreateTypeFormatters()</c>,
/// and use each returned object's <c>MimeType</c> and <c>Format(object, TextWriter)</c>.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, Inherited = true)]
internal sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
{
    /// <summary>The type whose <c>CreateTypeFormatters()</c> yields the formatters.</summary>
    public Type FormatterSourceType { get; } = formatterSourceType;

    /// <summary>MIME types to produce, most preferred first (null = the kernel's default, text/html).</summary>
    public string[]? PreferredMimeTypes { get; set; }
}

/// <summary>One convention-based formatter: a type, a MIME type and a function writing the instance.</summary>
internal sealed class ConventionFormatter(Type type, string mimeType, Action<object, TextWriter> write)
{
    /// <summary>The type this formatter handles.</summary>
    public Type Type { get; } = type;

    /// <summary>"text/html" or "text/plain".</summary>
    public string MimeType { get; } = mimeType;

    /// <summary>Writes <paramref name="instance"/>; false when it is not of <see cref="Type"/>.</summary>
    public bool Format(object instance, TextWriter writer)
    {
        if (!Type.IsInstanceOfType(instance)) return false;
        write(instance, writer);
        return true;
    }
}
