using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>An in-memory data set: inputs and targets as tensors on the CPU.
/// Classification: <see cref="Targets"/> is int64 [N] with class indices. Regression: float32 [N,
/// k]. Images (Fashion-MNIST) are float32 [N, 1, 28, 28] scaled to [0, 1] (pixel / 255, not
/// standardised). The data set owns its tensors; dispose it to free them early.</summary>
public sealed class Dataset : IDisposable
{
    /// <summary>Wraps tensors; they are detached from any dispose scope and owned by this
    /// object.</summary>
    public Dataset(string name, Tensor inputs, Tensor targets, IReadOnlyList<string>? classNames = null)
    {
        if (inputs.shape[0] != targets.shape[0])
            throw new ArgumentException($"{name}: {inputs.shape[0]} inputs but {targets.shape[0]} targets");
        Name = name;
        Inputs = inputs.DetachFromDisposeScope();
        Targets = targets.DetachFromDisposeScope();
        ClassNames = classNames ?? [];
    }

    /// <summary>A short description, e.g. "Fashion-MNIST train (full)".</summary>
    public string Name { get; }

    /// <summary>Inputs, first dimension = examples.</summary>
    public Tensor Inputs { get; }

    /// <summary>Targets: int64 [N] class indices, or float32 [N, k] for regression.</summary>
    public Tensor Targets { get; }

    /// <summary>Class names indexed by label (empty for regression).</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>Number of examples.</summary>
    public int Count => (int)Inputs.shape[0];

    /// <summary>True when the targets are class indices.</summary>
    public bool IsClassification => Targets.dtype == ScalarType.Int64;

    /// <summary>The examples at <paramref name="indices"/>, in that order (a new data
    /// set).</summary>
    public Dataset Select(IReadOnlyList<long> indices, string? name = null)
    {
        using var scope = NewDisposeScope();
        var idx = tensor(indices.ToArray(), ScalarType.Int64);
        var ds = new Dataset(name ?? Name, Inputs.index_select(0, idx), Targets.index_select(0, idx), ClassNames);
        return ds;
    }

    /// <summary>The same examples with every input flattened to a vector, [N, …] → [N, d] (e.g.
    /// images [N, 1, 28, 28] → [N, 784] for an MLP); targets and class names are shared.</summary>
    public Dataset Flatten(string? name = null)
        => new(name ?? Name, Inputs.reshape(Count, -1), Targets, ClassNames);

    /// <summary>Deterministic stratified subset: <paramref name="perClass"/> examples of every
    /// class, chosen by a seeded shuffle of each class's indices (SplitMix64); the chosen examples
    /// keep their original order.</summary>
    public Dataset Subset(int perClass, long seed)
        => Select(StratifiedIndices(TargetsAsLabels(), perClass, seed), $"{Name} (subset {perClass}/class, seed {seed})");

    /// <summary>Indices of a stratified subset of <paramref name="labels"/> (see <see
    /// cref="Subset"/>).</summary>
    public static long[] StratifiedIndices(IReadOnlyList<long> labels, int perClass, long seed)
    {
        var rng = new SeededRandom(seed);
        var chosen = new List<long>();
        foreach (var group in labels.Select((l, i) => (l, i)).GroupBy(p => p.l).OrderBy(g => g.Key))
        {
            var members = group.Select(p => (long)p.i).ToArray();
            if (members.Length < perClass)
                throw new ArgumentOutOfRangeException(nameof(perClass), $"class {group.Key} has only {members.Length} examples, {perClass} requested");
            rng.Shuffle<long>(members);
            chosen.AddRange(members.Take(perClass));
        }
        chosen.Sort();
        return chosen.ToArray();
    }

    /// <summary>The two-class problem <paramref name="classA"/> vs <paramref name="classB"/>,
    /// relabelled 0 and 1.</summary>
    public Dataset Binary(int classA, int classB)
    {
        var labels = TargetsAsLabels();
        var idx = Enumerable.Range(0, labels.Length).Where(i => labels[i] == classA || labels[i] == classB).Select(i => (long)i).ToArray();
        using var scope = NewDisposeScope();
        var sel = Select(idx);
        var relabelled = (sel.Targets == classB).to_type(ScalarType.Int64);
        string a = classA < ClassNames.Count ? ClassNames[classA] : classA.ToString();
        string b = classB < ClassNames.Count ? ClassNames[classB] : classB.ToString();
        var result = new Dataset($"{Name} ({a} vs {b})", sel.Inputs.alias(), relabelled, [a, b]);
        sel.Dispose();
        return result;
    }

    /// <summary>The labels as a managed array (classification only).</summary>
    public long[] TargetsAsLabels()
    {
        if (!IsClassification) throw new InvalidOperationException($"{Name}: targets are not class labels ({Targets.dtype})");
        return Targets.data<long>().ToArray();
    }

    /// <summary>Number of examples of each class (classification only).</summary>
    public int[] ClassCounts()
    {
        var labels = TargetsAsLabels();
        int k = Math.Max(ClassNames.Count, labels.Length == 0 ? 0 : (int)labels.Max() + 1);
        var counts = new int[k];
        foreach (var l in labels) counts[l]++;
        return counts;
    }

    /// <summary>Frees the tensors.</summary>
    public void Dispose()
    {
        Inputs.Dispose();
        Targets.Dispose();
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name}: {Count} examples, inputs [{string.Join(", ", Inputs.shape)}], targets {Targets.dtype}";
}
