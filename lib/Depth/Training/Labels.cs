using static TorchSharp.torch;

namespace Depth;

/// <summary>Label corruption for memorisation experiments (Zhang et al. 2017, "Understanding deep learning
/// requires rethinking generalization").</summary>
public static class Labels
{
    /// <summary>
    /// A copy of <paramref name="data"/> whose labels carry no information about the images: within each class the k
    /// labels are dealt out in turn from a random starting label, in a random order of the class's examples, so every
    /// label goes to the same share of every class (exactly, when the class size is a multiple of k). Zhang et al.
    /// (2017, arXiv:1611.03530) drew each label independently; dealing them removes the draw's accidental agreement with
    /// the real classes (±1.3 points on 500 examples), so a network that memorises them has exactly chance, 1/k, to
    /// carry over to the test set.
    /// </summary>
    public static Dataset Random(Dataset data, long seed)
    {
        var real = data.TargetsAsLabels();
        int k = data.ClassCounts().Length;
        var rng = new SeededRandom(seed);
        var labels = new long[real.Length];
        for (int c = 0; c < k; c++)
        {
            int[] members = Enumerable.Range(0, real.Length).Where(i => real[i] == c).ToArray();
            int first = rng.NextInt(k);
            int[] order = rng.Permutation(members.Length);
            for (int j = 0; j < members.Length; j++) labels[members[order[j]]] = (first + j) % k;
        }
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
