using System.Collections;
using static TorchSharp.torch;

namespace Depth;

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

    /// <inheritdoc/>
    public int Count => probes.Length;

    /// <inheritdoc/>
    public InitProbe this[int index] => probes[index];

    /// <inheritdoc/>
    public IEnumerator<InitProbe> GetEnumerator() =>
        ((IEnumerable<InitProbe>)probes).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
