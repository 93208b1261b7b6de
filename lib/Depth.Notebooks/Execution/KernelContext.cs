namespace Depth.Notebooks.Execution;

/// <summary>Which cell is running on this async flow: where <c>display(...)</c> and console output go.</summary>
public static class KernelContext
{
    private static readonly AsyncLocal<CellOutputs?> current = new();

    /// <summary>The running cell's outputs, or null outside a cell.</summary>
    public static CellOutputs? Current
    {
        get => current.Value;
        internal set => current.Value = value;
    }
}
