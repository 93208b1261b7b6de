namespace Depth;

/// <summary>
/// The width that fits a parameter budget: compare architectures "at equal budget" by searching the
/// width w = 1, 2, … of a family whose parameter count grows with w (e.g. <see
/// cref="ParameterFormulas.Mlp"/>).
/// </summary>
public static class BudgetWidth
{
    /// <summary>
    /// The largest w ≥ 1 whose count stays within <paramref name="budget"/>: count(w) ≤ budget &lt;
    /// count(w + 1). Returns 1 when even w = 2 exceeds the budget.
    /// </summary>
    /// <param name="count">Parameters of the family at width w; must grow with w.</param>
    /// <param name="budget">The parameter budget.</param>
    public static int Largest(Func<int, long> count, long budget)
    {
        ArgumentNullException.ThrowIfNull(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        int w = 1;
        while (count(w + 1) <= budget) w++;
        return w;
    }

    /// <summary>
    /// The smallest w ≥ 1 whose count reaches <paramref name="budget"/>: count(w − 1) &lt; budget ≤
    /// count(w), i.e. at least as many parameters as the model it is compared with.
    /// </summary>
    /// <param name="count">Parameters of the family at width w; must grow with w.</param>
    /// <param name="budget">The parameter budget.</param>
    public static int Smallest(Func<int, long> count, long budget)
    {
        ArgumentNullException.ThrowIfNull(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budget);
        int w = 1;
        while (count(w) < budget) w++;
        return w;
    }
}
