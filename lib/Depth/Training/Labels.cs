using Depth.Data;
using static TorchSharp.torch;

namespace Depth.Training;

/// <summary>Label corruption for memorisation experiments (Zhang et al. 2017, "Understanding deep learning
/// requires rethinking generalization").</summary>
public static class Labels
{
    /// <summary>A copy of <paramref name="data"/> whose labels are drawn uniformly at random from its classes.</summary>
    public static Dataset Random(Dataset data, long seed)
    {
        int k = data.ClassCounts().Length;
        var rng = new SeededRandom(seed);
        var labels = Enumerable.Range(0, data.Count).Select(_ => (long)rng.NextInt(k)).ToArray();
        return With(data, labels, $"{data.Name} (random labels, seed {seed})");
    }

    /// <summary>A copy of <paramref name="data"/> where exactly round(<paramref name="fraction"/>·N) examples, chosen by a
    /// seeded shuffle, get a label drawn uniformly from the OTHER classes (so exactly that fraction is wrong).</summary>
    public static Dataset WithNoise(Dataset data, double fraction, long seed)
    {
        if (fraction is < 0 or > 1) throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "must be in [0, 1]");
        var labels = data.TargetsAsLabels();
        int k = data.ClassCounts().Length;
        var rng = new SeededRandom(seed);
        int corrupt = (int)Math.Round(fraction * labels.Length);
        foreach (int i in rng.Permutation(labels.Length).Take(corrupt))
        {
            long other = rng.NextInt(k - 1);
            labels[i] = other >= labels[i] ? other + 1 : other;
        }
        return With(data, labels, $"{data.Name} ({fraction:P0} label noise, seed {seed})");
    }

    private static Dataset With(Dataset data, long[] labels, string name)
    {
        using var scope = NewDisposeScope();
        return new Dataset(name, data.Inputs.clone(), tensor(labels), data.ClassNames);
    }
}
