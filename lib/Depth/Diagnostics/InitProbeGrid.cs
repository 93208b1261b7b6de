using System.Collections;
using Depth.Init;
using Depth.Models;
using Depth.Notebook;
using static TorchSharp.torch;

namespace Depth.Diagnostics;

/// <summary>An <see cref="InitProbe"/> for every activation × initialisation, in that order
/// (activations outer), looked up by <c>grid[activation, init]</c>.</summary>
public sealed class InitProbeGrid : IReadOnlyList<InitProbe>
{
    readonly InitProbe[] probes;

    InitProbeGrid(InitProbe[] probes) => this.probes = probes;

    /// <summary>Probes every pair on the same batch (x [B, features], labels y [B]) with the same
    /// seed.</summary>
    public static InitProbeGrid Measure(IReadOnlyList<Activation> activations,
        IReadOnlyList<(string Name, InitScheme Scheme)> schemes, int width, int depth, Tensor x,
        Tensor y, long seed)
    {
        ArgumentNullException.ThrowIfNull(activations);
        ArgumentNullException.ThrowIfNull(schemes);
        return new(activations.SelectMany(a => schemes.Select(s =>
            InitProbe.Measure(a, s.Name, s.Scheme, width, depth, x, y, seed))).ToArray());
    }

    /// <summary>The probe of one pair.</summary>
    /// <exception cref="KeyNotFoundException">No such pair; the message names it.</exception>
    public InitProbe this[Activation activation, string init] =>
        probes.FirstOrDefault(p => p.Activation == activation && p.Init == init)
        ?? throw new KeyNotFoundException($"no probe for {activation} · {init}");

    /// <summary>Named per-layer series of the chosen pairs, for the series overload of
    /// <c>Charts.PerLayer</c>: e.g. values <c>p =&gt; p.GradNorms</c>.</summary>
    public IEnumerable<(string Name, IReadOnlyList<double> Values)> Series(
        Func<InitProbe, double[]> values, params (Activation Activation, string Init)[] pairs)
        => pairs.Select(p => this[p.Activation, p.Init])
            .Select(p => (p.Label, (IReadOnlyList<double>)values(p)));

    /// <summary>One row per probe: loss at initialisation, first and last hidden layer's gradient
    /// norm and their ratio (≪ 1 vanishing, ≫ 1 exploding).</summary>
    public Table Summary()
    {
        int depth = probes.Length == 0 ? 0 : probes[0].GradNorms.Length;
        return Table.From(["activation", "init", "loss at init", "‖∇W‖ layer 1",
                $"‖∇W‖ layer {depth}", $"layer 1 / layer {depth}"],
            probes.Select(p => (IReadOnlyList<object?>)[p.Activation.ToString(), p.Init,
                p.Loss.ToString("G3"), p.GradNorms[0].ToString("G3"),
                p.GradNorms[^1].ToString("G3"),
                (p.GradNorms[0] / p.GradNorms[^1]).ToString("G3")]));
    }

    /// <inheritdoc/>
    public int Count => probes.Length;

    /// <inheritdoc/>
    public InitProbe this[int index] => probes[index];

    /// <inheritdoc/>
    public IEnumerator<InitProbe> GetEnumerator() =>
        ((IEnumerable<InitProbe>)probes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
