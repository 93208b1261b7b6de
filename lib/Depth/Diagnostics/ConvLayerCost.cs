using System.Diagnostics;
using Depth.Models;
using Depth.Notebook;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Diagnostics;

/// <summary>
/// What one 3×3 tanh convolution costs in a deep vanilla CNN (<see cref="StackedTanhCnn"/>, 28×28
/// single-channel input): wall time per layer of one forward + backward pass of cross-entropy,
/// measured on a network of a stride-2 stem and <c>layers</c> same-size convolutions. A training
/// step of an L-layer network costs about L times this, because the layers run one after the other.
/// </summary>
/// <param name="Channels">Channels of every convolution.</param>
/// <param name="StridedLayers">Stride-2 convolutions in the stem (each halves the map: 28 → 14 → 7
/// → 4 → 2).</param>
/// <param name="Batch">Images per pass.</param>
/// <param name="MsPerLayer">Measured milliseconds per layer, forward + backward.</param>
public sealed record ConvLayerCost(int Channels, int StridedLayers, int Batch, double MsPerLayer)
{
    /// <summary>Side of the same-size layers' maps: 28 halved (rounding up) once per strided
    /// layer.</summary>
    public int MapSize => StackedTanhCnn.MapSize(28, StridedLayers);

    /// <summary>Estimated seconds of one training step of a <paramref name="depth"/>-layer
    /// network.</summary>
    public double StepSeconds(int depth) => MsPerLayer * depth / 1000;

    /// <summary>Estimated images per second through a <paramref name="depth"/>-layer
    /// network.</summary>
    public double ImagesPerSecond(int depth) => Batch / StepSeconds(depth);

    /// <summary>
    /// Measures the cost: a network with the given stem and <paramref name="layers"/> same-size
    /// layers, a random batch, two warm-up passes, then the mean of <paramref name="repeats"/>
    /// timed passes, divided by <paramref name="layers"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">layers or repeats below 1.</exception>
    public static ConvLayerCost Measure(int channels, int stridedLayers, int batch, int layers,
        long seed, int repeats = 3)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(layers, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(repeats, 1);
        using var model = new StackedTanhCnn(1, channels, stridedLayers + layers, 10,
            stridedLayers, seed);
        using var generator = new Generator((ulong)seed);
        using var x = torch.rand([batch, 1, 28, 28], generator: generator);   // [batch, 1, 28, 28]
        using var y = torch.zeros(batch, dtype: ScalarType.Int64);
        void Pass()
        {
            using var scope = NewDisposeScope();
            nn.functional.cross_entropy(model.call(x), y).backward();
        }
        Pass();
        Pass();
        var watch = Stopwatch.StartNew();
        for (int r = 0; r < repeats; r++) Pass();
        return new ConvLayerCost(channels, stridedLayers, batch,
            watch.Elapsed.TotalMilliseconds / repeats / layers);
    }

    /// <summary>A table of costs: shape, ms per layer, and what a <paramref name="depth"/>-layer
    /// step costs.</summary>
    public static Table Summary(IEnumerable<ConvLayerCost> costs, int depth)
    {
        ArgumentNullException.ThrowIfNull(costs);
        string[] columns = ["channels", "maps", "batch", "ms per layer (fwd + bwd)",
            $"one {depth:N0}-layer step", "images per second"];
        return Table.From(columns, costs.Select(c => Table.Row(c.Channels,
            $"{c.MapSize}×{c.MapSize}", c.Batch, c.MsPerLayer.ToString("F3"),
            $"{c.StepSeconds(depth):F1} s",
            c.ImagesPerSecond(depth).ToString("F1"))));
    }
}
