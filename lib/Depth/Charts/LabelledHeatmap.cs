namespace Depth;

/// <summary>A heatmap whose rows carry text labels (e.g. "Tanh · Xavier") instead of numbers: one row per
/// configuration, one column per layer.</summary>
public static class LabelledHeatmap
{
    /// <summary>Heatmap of z[row][column]; row i is labelled <paramref name="rows"/>[i] (first row at the top),
    /// columns are at <paramref name="x"/> (default 1 … columns).</summary>
    /// <param name="title">Chart title.</param>
    /// <param name="z">Values, z[row][column]; every row has the same length.</param>
    /// <param name="rows">One label per row.</param>
    /// <param name="x">Column positions (default 1, 2, …).</param>
    /// <param name="xTitle">x-axis title.</param>
    /// <param name="name">Name of the colour scale (hover text).</param>
    /// <exception cref="ArgumentException">No rows, a label count that differs from the row count, or ragged rows.</exception>
    public static Figure Of(string title, IReadOnlyList<IReadOnlyList<double>> z, IReadOnlyList<string> rows,
        IReadOnlyList<double>? x = null, string xTitle = "", string name = "")
    {
        ArgumentNullException.ThrowIfNull(z);
        ArgumentNullException.ThrowIfNull(rows);
        if (z.Count == 0) throw new ArgumentException("no rows to plot", nameof(z));
        if (rows.Count != z.Count) throw new ArgumentException($"{rows.Count} row labels for {z.Count} rows", nameof(rows));
        int columns = z[0].Count;
        for (int i = 0; i < z.Count; i++)
            if (z[i].Count != columns) throw new ArgumentException($"row {i} ('{rows[i]}') has {z[i].Count} values, row 0 has {columns}", nameof(z));
        var xs = x?.ToArray() ?? Enumerable.Range(1, columns).Select(i => (double)i).ToArray();
        if (xs.Length != columns) throw new ArgumentException($"{xs.Length} column positions for {columns} columns", nameof(x));
        // Plotly draws row 0 at the bottom; reverse so the first row reads first, as in a table.
        var trace = new FigureTrace(TraceKind.Heatmap, name)
        {
            Z = z.Reverse().Select(r => (IReadOnlyList<double>)r.ToArray()).ToArray(),
            X = xs,
            YLabels = rows.Reverse().ToArray(),
        };
        // The rows are categories, and their labels need room on the left.
        var layout = ChartStyle.Layout(title, xTitle, "") with
        {
            YScale = AxisScale.Category,
            MarginLeft = 40 + 7 * rows.Max(r => r.Length),
        };
        return new Figure([trace], layout);
    }
}
