using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// Linear regions of a ReLU network along a path: a ReLU net is piecewise linear, and it stays on
/// one linear piece as long as no neuron switches on or off. Counting the changes of the on/off
/// pattern between consecutive points of a finely sampled path counts the pieces it crosses (B.
/// Hanin, D. Rolnick 2019, "Complexity of Linear Regions in Deep Networks", arXiv:1901.09021; G.
/// Montúfar et al. 2014 for the exponential upper bound).
/// </summary>
public static class LinearRegions
{
    /// <summary>
    /// 1 + the number of consecutive <paramref name="points"/> [P, inputs] (in path order) whose
    /// ReLU on/off pattern over all hidden neurons of <paramref name="net"/> differs. Pieces
    /// narrower than the sampling step can be missed; sample finely. The net's activation is
    /// treated as ReLU (z > 0 is "on").
    /// </summary>
    public static int Along(Mlp net, Tensor points)
    {
        ArgumentNullException.ThrowIfNull(net);
        ArgumentNullException.ThrowIfNull(points);
        if (points.dim() != 2 || points.shape[0] < 2)
            throw new ArgumentException(
                $"points must be [P ≥ 2, inputs], not [{string.Join(", ", points.shape)}].");
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var h = points;
        var patterns = new List<Tensor>();
        foreach (var layer in net.Layers)
        {
            var z = layer.call(h);
            patterns.Add(z > 0);
            h = nn.functional.relu(z);
        }
        var p = cat(patterns, 1);                                           // [P, neurons]
        var n = p.shape[0];
        var changed = p.narrow(0, 1, n - 1).ne(p.narrow(0, 0, n - 1)).any(1);
        return 1 + (int)changed.sum().item<long>();
    }

    /// <summary>
    /// Depth at a fixed parameter budget: for each depth, the widest ReLU <see cref="Mlp"/> (path
    /// dimension → width × depth → <paramref name="outputs"/>) with at most <paramref
    /// name="budget"/> parameters (<see cref="BudgetWidth.Largest"/>), drawn <paramref
    /// name="nets"/> times with seeds seed·1000 + 0, 1, …, and the pieces each cuts each of
    /// <paramref name="paths"/> (each [P, inputs]) into (<see cref="Along"/>). How many pieces one
    /// path crosses depends on where it runs, so the mean is over every net and every path. Writes
    /// one line per depth to <paramref name="log"/> (Console.Out when null).
    /// </summary>
    public static IReadOnlyList<RegionCount> AtBudget(IReadOnlyList<Tensor> paths,
        IReadOnlyList<int> depths, long budget, int outputs, int nets, long seed,
        TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(depths);
        ArgumentOutOfRangeException.ThrowIfLessThan(paths.Count, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(nets, 1);
        int inputs = (int)paths[0].shape[^1];
        var rows = new List<RegionCount>();
        foreach (var depth in depths)
        {
            int width = BudgetWidth.Largest(
                w => ParameterFormulas.Mlp(inputs, w, depth, outputs), budget);
            var counts = Enumerable.Range(0, nets)
                .Select(s => new Mlp(inputs, width, depth, outputs, seed: seed * 1000 + s))
                .SelectMany(net => paths.Select(path => Along(net, path)))
                .ToArray();                                     // [nets × paths]
            long parameters = ParameterFormulas.Mlp(inputs, width, depth, outputs);
            rows.Add(new RegionCount(depth, width, depth * width, parameters, counts.Average(),
                counts.Max()));
            (log ?? Console.Out).WriteLine($"depth {depth}: width {width}, "
                + $"{depth * width} neurons, pieces per path {counts.Average():F1} "
                + $"(min {counts.Min()}, max {counts.Max()} over {nets} nets × {paths.Count} paths)");
        }
        return rows;
    }
}
