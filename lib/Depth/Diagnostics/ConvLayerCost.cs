using System.Diagnostics;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// What one 3×3 tanh convolution costs in a deep vanilla CNN (<see cref="StackedTanhCnn"/>, 28×28
/// single-channel input): wall time per same-size layer of one forward + backward pass of
/// cross-entropy, and apart from it the fixed cost of the stem and classifier. A training step of
/// an L-layer network costs about the fixed cost plus L times the layer cost, because the layers
/// run one after the other.
/// </summary>
/// <param name="Channels">Channels of every convolution.</param>
/// <param name="StridedLayers">Stride-2 convolutions in the stem (each halves the map: 28 → 14 → 7
/// → 4 → 2).</param>
/// <param name="Batch">Images per pass.</param>
/// <param name="MsPerLayer">Measured milliseconds per same-size layer, forward + backward.</param>
/// <param name="FixedMs">Measured milliseconds of everything else in a pass: the stride-2 stem
/// (at 28×28 it is the most expensive part of a short network), pooling, classifier, loss.</param>
public sealed record ConvLayerCost(int Channels, int StridedLayers, int Batch, double MsPerLayer,
    double FixedMs = 0)
{
    /// <summary>Side of the same-size layers' maps: 28 halved (rounding up) once per strided
    /// layer.</summary>
    public int MapSize => StackedTanhCnn.MapSize(28, StridedLayers);

    /// <summary>Estimated seconds of one forward + backward pass of a
    /// <paramref name="depth"/>-layer network (stem included): the fixed cost plus (depth − stem)
    /// same-size layers.</summary>
    public double StepSeconds(int depth) =>
        (FixedMs + MsPerLayer * (depth - StridedLayers)) / 1000;

    /// <summary>Estimated images per second through a <paramref name="depth"/>-layer
    /// network.</summary>
    public double ImagesPerSecond(int depth) => Batch / StepSeconds(depth);

    /// <summary>
    /// Measures the cost on two networks with the given stem: one with a single same-size layer and
    /// one with <paramref name="layers"/> + 1. After two warm-up passes each, their passes
    /// alternate (so a change in machine load hits both) <paramref name="repeats"/> times; the
    /// difference of the median times (a median, so one pass slowed by other work does not move
    /// it) divided by <paramref name="layers"/> is the layer cost, and
    /// what the short network costs beyond one layer is the fixed cost. A short network timed alone
    /// and divided by its layer count would charge the stem to every layer (2× too much for 100
    /// layers on 2×2 maps). Both networks are delta-orthogonal (gain 1), as the networks we train:
    /// with PyTorch's default initialisation the signal shrinks every layer until the floats are
    /// denormal, and denormal arithmetic is many times slower on x86, which timed layers the
    /// training never runs.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">layers or repeats below 1.</exception>
    public static ConvLayerCost Measure(int channels, int stridedLayers, int batch, int layers,
        long seed, int repeats = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        using var shortNet = new StackedTanhCnn(1, channels, stridedLayers + 1, 10, stridedLayers,
            seed);
        using var longNet = new StackedTanhCnn(1, channels, stridedLayers + 1 + layers, 10,
            stridedLayers, seed);
        InitScheme.Apply(shortNet, InitScheme.DeltaOrthogonal(), seed);
        InitScheme.Apply(longNet, InitScheme.DeltaOrthogonal(), seed);
        using var generator = new Generator((ulong)seed);
        using var x = torch.rand([batch, 1, 28, 28], generator: generator);   // [batch, 1, 28, 28]
        using var y = torch.zeros(batch, dtype: ScalarType.Int64);
        double Pass(StackedTanhCnn model)
        {
            var watch = Stopwatch.StartNew();
            using var scope = NewDisposeScope();
            nn.functional.cross_entropy(model.call(x), y).backward();
            return watch.Elapsed.TotalMilliseconds;
        }
        for (int w = 0; w < 2; w++) { Pass(shortNet); Pass(longNet); }
        var shortTimes = new double[repeats];
        var longTimes = new double[repeats];
        for (int r = 0; r < repeats; r++) { shortTimes[r] = Pass(shortNet); longTimes[r] = Pass(longNet); }
        double shortMs = Median(shortTimes), longMs = Median(longTimes);
        double perLayer = Math.Max(0, longMs - shortMs) / layers;
        return new ConvLayerCost(channels, stridedLayers, batch, perLayer,
            Math.Max(0, shortMs - perLayer));
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        int n = values.Length;
        return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
    }

    /// <summary>A table of costs: shape, ms per layer, and what a <paramref name="depth"/>-layer
    /// step costs.</summary>
    public static Table Summary(IEnumerable<ConvLayerCost> costs, int depth)
    {
        ArgumentNullException.ThrowIfNull(costs);
        string[] columns = ["channels", "maps", "batch", "ms per layer (fwd + bwd)",
            "stem etc. (ms)", $"one {depth:N0}-layer step", "images per second"];
        return Table.From(columns, costs.Select(c => Table.Row(c.Channels,
            $"{c.MapSize}×{c.MapSize}", c.Batch, c.MsPerLayer.ToString("F3"),
            c.FixedMs.ToString("F1"),
            $"{c.StepSeconds(depth):F1} s",
            c.ImagesPerSecond(depth).ToString("F1"))));
    }
}
