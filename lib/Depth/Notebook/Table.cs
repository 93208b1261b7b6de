using System.Globalization;
using System.Reflection;
using System.Text;

namespace Depth;

/// <summary>A table of rows for display: columns are the public properties of the row type (records work
/// well). Displays as an escaped HTML table (text/html) or aligned plain text.</summary>
[TypeFormatterSource(typeof(TableFormatterSource))]
public sealed partial class Table
{
    private Table(IReadOnlyList<string> columns, IReadOnlyList<IReadOnlyList<object?>> rows)
    {
        Columns = columns;
        Rows = rows;
    }

    /// <summary>Column names.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Cell values, row by row.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; }

    /// <summary>A table of <paramref name="rows"/>, one column per public readable instance property of <typeparamref name="T"/>.</summary>
    public static Table Of<T>(IEnumerable<T> rows)
    {
        var props = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToArray();
        return new Table(props.Select(p => p.Name).ToArray(),
            rows.Select(r => (IReadOnlyList<object?>)props.Select(p => r is null ? null : p.GetValue(r)).ToArray()).ToArray());
    }

    /// <summary>A table from explicit column names and rows.</summary>
    public static Table From(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows) => new(columns, rows.ToArray());

    /// <summary>A cell as text: integers with thousands separators, doubles with 4 significant digits, NaN as "—".</summary>
    public static string Cell(object? value) => value switch
    {
        null => "",
        double d when double.IsNaN(d) => "—",
        float f when float.IsNaN(f) => "—",
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => f.ToString("G4", CultureInfo.InvariantCulture),
        int or long or short => string.Format(CultureInfo.InvariantCulture, "{0:N0}", value),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Writes an HTML table (every cell and header escaped).</summary>
    public void WriteHtml(TextWriter w)
    {
        w.Write("<table class=\"depth-table\"><thead><tr>");
        foreach (var c in Columns) w.Write($"<th>{Html.Escape(c)}</th>");
        w.Write("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            w.Write("<tr>");
            foreach (var v in row) w.Write($"<td>{Html.Escape(Cell(v))}</td>");
            w.Write("</tr>");
        }
        w.Write("</tbody></table>");
    }

    /// <summary>The HTML table as a string.</summary>
    public string ToHtml()
    {
        using var w = new StringWriter();
        WriteHtml(w);
        return w.ToString();
    }

    /// <summary>Aligned plain-text table.</summary>
    public override string ToString()
    {
        var cells = Rows.Select(r => r.Select(Cell).ToArray()).ToArray();
        var widths = Columns.Select((c, i) => Math.Max(c.Length, cells.Length == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        var sb = new StringBuilder();
        sb.AppendLine(string.Join("  ", Columns.Select((c, i) => c.PadLeft(widths[i]))));
        foreach (var r in cells) sb.AppendLine(string.Join("  ", r.Select((c, i) => c.PadLeft(widths[i]))));
        return sb.ToString().TrimEnd('\n', '\r');
    }
}

/// <summary>Formatters (.NET Interactive convention) for <see cref="Table"/>.</summary>
internal sealed class TableFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new ConventionFormatter(typeof(Table), "text/html", (o, w) => ((Table)o).WriteHtml(w));
        yield return new ConventionFormatter(typeof(Table), "text/plain", (o, w) => w.Write(o.ToString()));
    }
}
