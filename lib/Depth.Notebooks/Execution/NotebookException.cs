namespace Depth.Notebooks.Execution;

/// <summary>A failure located in a notebook: "notebook X, cell k, line n: …".</summary>
public sealed class NotebookException : Exception
{
    /// <summary>Creates the exception with its location.</summary>
    public NotebookException(string notebook, int cell, int? line, string detail, Exception? inner = null)
        : base($"notebook {notebook}, cell {cell}{(line is { } n ? $", line {n}" : "")}: {detail}", inner)
    {
        Notebook = notebook;
        Cell = cell;
        Line = line;
        Detail = detail;
    }

    /// <summary>The notebook's name.</summary>
    public string Notebook { get; }

    /// <summary>1-based index of the cell among all cells of the notebook file.</summary>
    public int Cell { get; }

    /// <summary>1-based line within the cell, when known.</summary>
    public int? Line { get; }

    /// <summary>What went wrong, without the location.</summary>
    public string Detail { get; }
}
