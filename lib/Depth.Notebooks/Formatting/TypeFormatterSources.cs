using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace Depth.Notebooks.Formatting;

/// <summary>
/// The .NET Interactive <c>[TypeFormatterSource]</c> convention, matched by duck typing as the kernel does:
/// an attribute named <c>TypeFormatterSourceAttribute</c> (any namespace) with a <c>FormatterSourceType</c>
/// property (and optional <c>PreferredMimeTypes</c>); the source type has <c>CreateTypeFormatters()</c>
/// returning objects with <c>MimeType</c>, an optional <c>Type</c> and <c>bool Format(object, TextWriter)</c>.
/// TorchSharp's tensors carry one; so can the course library's types.
/// </summary>
public static class TypeFormatterSources
{
    private sealed record Formatter(Type Type, string MimeType, object Target, MethodInfo Format);

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Formatter>> Cache = new();

    /// <summary>
    /// Formats <paramref name="value"/> with every formatter its type's sources provide, one text per MIME type
    /// (the first formatter that accepts the value wins). Empty when the type carries no source.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Format(object value)
    {
        var result = new Dictionary<string, string>();
        foreach (var formatter in FormattersFor(value.GetType()))
        {
            if (result.ContainsKey(formatter.MimeType) || !formatter.Type.IsInstanceOfType(value)) continue;
            using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
            object? handled;
            try
            {
                handled = formatter.Format.Invoke(formatter.Target, [value, writer]);
            }
            catch (TargetInvocationException e) when (e.InnerException is not null)
            {
                throw new InvalidOperationException(
                    $"the {formatter.MimeType} formatter of {value.GetType().FullName} failed: {e.InnerException.Message}", e.InnerException);
            }
            if (handled is not false) result[formatter.MimeType] = writer.ToString();
        }
        return result;
    }

    /// <summary>True when the type (or a base type) carries a formatter source.</summary>
    public static bool HasSource(Type type) => FormattersFor(type).Count > 0;

    private static IReadOnlyList<Formatter> FormattersFor(Type type) => Cache.GetOrAdd(type, Discover);

    private static List<Formatter> Discover(Type type)
    {
        var formatters = new List<Formatter>();
        foreach (var attribute in type.GetCustomAttributes(inherit: true))
        {
            var attributeType = attribute.GetType();
            if (attributeType.Name != "TypeFormatterSourceAttribute") continue;
            if (attributeType.GetProperty("FormatterSourceType")?.GetValue(attribute) is not Type sourceType) continue;
            var source = Activator.CreateInstance(sourceType, nonPublic: true)
                         ?? throw new InvalidOperationException($"cannot create formatter source {sourceType.FullName}");
            var create = sourceType.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance)
                         ?? throw new InvalidOperationException($"{sourceType.FullName} has no CreateTypeFormatters()");
            if (create.Invoke(source, null) is not IEnumerable created) continue;
            foreach (var item in created)
            {
                if (item is null) continue;
                var itemType = item.GetType();
                // A formatter without a Type property (TorchSharp's) formats the type that carries the attribute.
                var forType = itemType.GetProperty("Type")?.GetValue(item) as Type ?? type;
                var mime = itemType.GetProperty("MimeType")?.GetValue(item) as string;
                var format = itemType.GetMethods(BindingFlags.Public | BindingFlags.Instance).FirstOrDefault(m =>
                    m.Name == "Format" && m.ReturnType == typeof(bool) && m.GetParameters() is [{ } p0, { } p1]
                    && p0.ParameterType == typeof(object) && p1.ParameterType.IsAssignableFrom(typeof(StringWriter)));
                if (forType is null || mime is null || format is null) continue;
                formatters.Add(new Formatter(forType, mime, item, format));
            }
        }
        return formatters;
    }
}
