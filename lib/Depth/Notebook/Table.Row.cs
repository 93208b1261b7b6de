namespace Depth;

public sealed partial class Table
{
    /// <summary>One row for <see cref="From"/>, its cells in column order: <c>Table.From(["n",
    /// "n²"], ns.Select(n => Table.Row(n, n * n)))</c>.</summary>
    public static IReadOnlyList<object?> Row(params object?[] cells) => cells;
}
