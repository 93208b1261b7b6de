using System.Diagnostics;
using System.Text.Json;
using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Benchmarks;

/// <summary>
/// Whole training steps (zero_grad, forward, backward, Adam step) of the course's 10,000-layer networks, timed with a
/// stopwatch — a step takes seconds, too long for BenchmarkDotNet's many iterations. The PyTorch twin is
/// bench/pytorch_steps.py (same networks, batch and optimiser); bench/run-steps.sh runs both and writes bench/results/.
/// Prints one JSON object per result line, in the Python script's format.
/// </summary>
public static class StepBench
{
    /// <summary>Arguments: [depth (10000)] [steps (5)] [threads… (1 2)].</summary>
    public static void Run(string[] args)
    {
        int depth = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        int steps = args.Length > 1 ? int.Parse(args[1]) : 5;
        int[] threads = args.Length > 2 ? args[2..].Select(int.Parse).ToArray() : [1, 2];
        string version = torch.__version__;
        foreach (int t in threads)
        {
            torch.set_num_threads(t);
            double peak = MatmulGflops();
            Emit(new { impl = "torchsharp", net = "matmul-2048", threads = t, gflops = Math.Round(peak, 1), libtorch = version });
            // Useful FLOP per layer: 6·B·fan_in·fan_out (forward, and backward's two products). On the CNN's 2×2 maps a
            // padded 3×3 convolution is a dense 64×64 map (16 channels × 4 pixels, every output pixel sees the 4 input
            // pixels, not 9): 6·B·64·64, not the 6·B·16·16·9·4 that counts multiplications by padding zeros.
            var nets = new (string Name, Func<nn.Module<Tensor, Tensor>> Make, long[] Shape, double FlopPerLayer, bool Recomputes)[]
            {
                ("mlp-modules", () => Critical(new Mlp(784, 32, depth, 10, Activation.Tanh, seed: 1)), [256, 784], 6.0 * 256 * 32 * 32, false),
                ("mlp-stacked", () => Critical(new StackedTanhMlp(784, 32, depth, 10, seed: 1)), [256, 784], 6.0 * 256 * 32 * 32, false),
                // As lesson 08 trains it: batch 256, activations recomputed in backward.
                ("cnn-stacked", () => Critical(new StackedTanhCnn(1, 16, depth, 10, 4, seed: 1) { RecomputeActivations = true }),
                    [256, 1, 28, 28], 6.0 * 256 * 64 * 64, true),
            };
            foreach (var (name, make, shape, flop, recomputes) in nets)
            {
                using var model = make();
                var times = StepTimes(model, shape, steps);
                double median = times.Order().ElementAt(times.Length / 2);
                Emit(new
                {
                    impl = "torchsharp", net = name, threads = t, depth, batch = shape[0],
                    median_s = Math.Round(median, 4), min_s = Math.Round(times.Min(), 4), max_s = Math.Round(times.Max(), 4),
                    steps = times.Length, gflop_per_step = Math.Round(flop * depth / 1e9, 2),
                    // The arithmetic this implementation must do: a recomputed forward pass adds 2 of the 6.
                    floor_gflop = Math.Round(flop * depth * (recomputes ? 8.0 / 6 : 1) / 1e9, 2),
                    share_of_peak = Math.Round(flop * depth / median / 1e9 / peak, 4), libtorch = version,
                });
            }
        }
    }

    static T Critical<T>(T model) where T : nn.Module =>
        model.InitialisedWith(InitScheme.Critical(1.001818, 1e-9, orthogonal: true), seed: 1);

    static double[] StepTimes(nn.Module<Tensor, Tensor> model, long[] shape, int steps)
    {
        using var x = torch.rand(shape, generator: new Generator(1));
        using var y = torch.randint(0, 10, [shape[0]], generator: new Generator(2));
        using var adam = new KeptScalarAdam(model.parameters(), 1e-6);   // the course's Adam
        var times = new List<double>();
        for (int s = 0; s <= steps; s++)                 // the first step warms up and is not counted
        {
            var watch = Stopwatch.StartNew();
            using (var scope = NewDisposeScope())
            {
                adam.zero_grad();
                nn.functional.cross_entropy(model.call(x), y).backward();
                adam.step();
            }
            if (s > 0) times.Add(watch.Elapsed.TotalSeconds);
        }
        return times.ToArray();
    }

    static double MatmulGflops(int n = 2048, int reps = 10)
    {
        using var scope = NewDisposeScope();
        var a = torch.randn(n, n);
        var b = torch.randn(n, n);
        torch.mm(a, b);
        double best = double.MaxValue;
        for (int r = 0; r < reps; r++)
        {
            var watch = Stopwatch.StartNew();
            torch.mm(a, b).Dispose();
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        return 2.0 * n * n * n / best / 1e9;
    }

    static void Emit(object result) => Console.WriteLine(JsonSerializer.Serialize(result));
}
