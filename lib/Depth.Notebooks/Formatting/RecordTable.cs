using System.Reflection;
using System.Text;

namespace Depth.Notebooks.Formatting;

/// <summary>Sequences of C# records as tables: one row per record, one column per public property.</summary>
public static class RecordTable
{
    /// <summary>The record element type of a sequence type, or null when the elements are not records.</summary>
    public static Type? ElementRecordType(Type sequenceType)
    {
        var element = sequenceType.IsArray
            ? sequenceType.GetElementType()
            : sequenceType.GetInterfaces().Append(sequenceType)
                .FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
        return element is not null && IsRecord(element) ? element : null;
    }

    /// <summary>True for C# record classes and record structs (they carry a compiler-generated <c>PrintMembers</c>).</summary>
    public static bool IsRecord(Type type) =>
        type.GetMethod("PrintMembers", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, [typeof(StringBuilder)]) is not null
        && (type.IsValueType || type.GetProperty("EqualityContract", BindingFlags.Instance | BindingFlags.NonPublic) is not null);

    /// <summary>An HTML table; every header and cell text is escaped.</summary>
    public static string ToHtml(Type recordType, IReadOnlyList<object?> items)
    {
        var columns = Columns(recordType);
        var html = new StringBuilder("<table><thead><tr>");
        foreach (var c in columns) html.Append("<th>").Append(Html.Escape(c.Name)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var item in items)
        {
            html.Append("<tr>");
            foreach (var c in columns) html.Append("<td>").Append(Html.Escape(Cell(c, item))).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>A plain-text table with aligned columns.</summary>
    public static string ToPlainText(Type recordType, IReadOnlyList<object?> items)
    {
        var columns = Columns(recordType);
        var rows = items.Select(item => columns.Select(c => Cell(c, item)).ToArray()).Prepend(columns.Select(c => c.Name).ToArray()).ToList();
        var widths = Enumerable.Range(0, columns.Count).Select(i => rows.Max(r => r[i].Length)).ToArray();
        return string.Join("\n", rows.Select(r => string.Join("  ", r.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()));
    }

    private static List<PropertyInfo> Columns(Type recordType) =>
        recordType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToList();

    private static string Cell(PropertyInfo column, object? item) => item is null ? "" : OutputFormatter.PlainText(column.GetValue(item));
}
