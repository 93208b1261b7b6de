using TorchSharp;
using static TorchSharp.torch;

namespace Depth;

/// <summary>Small synthetic problems for lessons and tests. Every generator takes a seed.</summary>
public static class Synthetic
{
    /// <summary>Two interleaved spirals in the plane (Lang &amp; Witbrock 1988): for t ~ U(0, 1), a point at
    /// radius t and angle 2π·turns·t (+π for class 1), plus Gaussian noise of standard deviation
    /// <paramref name="noise"/>. Inputs float32 [n, 2], labels int64 [n] (n/2 of each class, alternating).</summary>
    public static Dataset TwoSpirals(int n, long seed, double turns = 1.5, double noise = 0.02)
    {
        var rng = new SeededRandom(seed);
        var x = new float[n * 2];
        var y = new long[n];
        for (int i = 0; i < n; i++)
        {
            double t = Math.Sqrt(rng.NextDouble());          // denser towards the outside, like the classic set
            double angle = 2 * Math.PI * turns * t + (i % 2) * Math.PI;
            x[2 * i] = (float)(t * Math.Cos(angle) + noise * Gaussian(rng));
            x[2 * i + 1] = (float)(t * Math.Sin(angle) + noise * Gaussian(rng));
            y[i] = i % 2;
        }
        using var scope = NewDisposeScope();
        return new Dataset($"two spirals (n={n}, seed {seed})", tensor(x).reshape(n, 2), tensor(y), ["arm 0", "arm 1"]);
    }

    /// <summary>Teacher–student data: x ~ N(0, I) in <paramref name="inputDim"/> dimensions, labelled by a random
    /// teacher MLP (tanh hidden layers of width <paramref name="teacherWidth"/>, weights N(0, σ_w²/fan_in) with
    /// σ_w² = <paramref name="weightVariance"/>) as the arg-max of its <paramref name="classes"/> outputs.
    /// The teacher is drawn from <paramref name="teacherSeed"/>, the inputs from <paramref name="seed"/>, so
    /// train and test sets share a teacher when they share <paramref name="teacherSeed"/>.</summary>
    public static Dataset TeacherStudent(int n, int inputDim, long seed, long teacherSeed = 0, int classes = 2,
        int teacherWidth = 32, int teacherDepth = 2, double weightVariance = 2.0)
    {
        using var scope = NewDisposeScope();
        var inputs = torch.randn(n, inputDim, generator: new Generator((ulong)seed));
        var teacherRng = new Generator((ulong)teacherSeed);
        var h = inputs;
        int fanIn = inputDim;
        for (int layer = 0; layer < teacherDepth; layer++)
        {
            var w = torch.randn(fanIn, teacherWidth, generator: teacherRng) * Math.Sqrt(weightVariance / fanIn);
            h = tanh(h.matmul(w));
            fanIn = teacherWidth;
        }
        var readout = torch.randn(fanIn, classes, generator: teacherRng) / Math.Sqrt(fanIn);
        var labels = h.matmul(readout).argmax(1);
        return new Dataset($"teacher–student (n={n}, d={inputDim}, seed {seed}, teacher {teacherSeed})", inputs, labels,
            Enumerable.Range(0, classes).Select(c => $"class {c}").ToArray());
    }

    /// <summary>Telgarsky's sawtooth (Telgarsky 2016, "Benefits of depth in neural networks"): the tent map
    /// T(x) = 2x for x &lt; ½, 2(1 − x) otherwise, composed k + 1 times, has 2^k teeth on [0, 1] — a depth-O(k)
    /// ReLU net represents it exactly, a shallow one needs width exponential in k.</summary>
    public static double SawtoothValue(double x, int k)
    {
        for (int i = 0; i <= k; i++) x = x < 0.5 ? 2 * x : 2 * (1 - x);
        return x;
    }

    /// <summary>The sawtooth with 2^<paramref name="k"/> teeth sampled at <paramref name="n"/> evenly spaced points of
    /// [0, 1] (regression): inputs float32 [n, 1], targets float32 [n, 1].</summary>
    public static Dataset Sawtooth(int k, int n)
    {
        var x = Enumerable.Range(0, n).Select(i => n == 1 ? 0.0 : (double)i / (n - 1)).ToArray();
        var y = x.Select(v => (float)SawtoothValue(v, k)).ToArray();
        using var scope = NewDisposeScope();
        return new Dataset($"sawtooth (2^{k} teeth, n={n})", tensor(x.Select(v => (float)v).ToArray()).reshape(n, 1), tensor(y).reshape(n, 1));
    }

    private static double Gaussian(SeededRandom rng)
    {
        double u1 = 1.0 - rng.NextDouble(), u2 = rng.NextDouble();   // Box–Muller
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
