using System.Diagnostics;
using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Benchmarks;

/// <summary>
/// One tanh layer of <see cref="TanhStack"/> at the stacked networks' sizes, per layer in µs: forward
/// (libtorch <c>addmm_</c> + <c>tanh_</c> against <see cref="TanhKernel.Forward"/>) and the sequential part of backward
/// (libtorch <c>mul</c>, <c>addcmul_</c>, <c>mm</c> against <see cref="TanhKernel.Backward"/>), over a segment of
/// 256 layers (the managed ones with the rows split across the torch threads, as in <see cref="TanhStack"/>), best
/// of several rounds, in wall-clock and process CPU time. Arguments: [width (32)] [batch (256)] [threads (1)].
/// </summary>
public static unsafe class KernelBench
{
    /// <summary>Prints one line per variant.</summary>
    public static void Run(string[] args)
    {
        int n = args.Length > 0 ? int.Parse(args[0]) : 32;
        int batch = args.Length > 1 ? int.Parse(args[1]) : 256;
        torch.set_num_threads(args.Length > 2 ? int.Parse(args[2]) : 1);
        const int layers = 256, rounds = 7;
        using var scope = NewDisposeScope();
        var gen = new Generator(1);
        var w = (torch.randn([layers, n, n], generator: gen) / Math.Sqrt(n)).contiguous();
        var b = torch.randn([layers, n], generator: gen) * 0.01;
        var h = torch.empty([layers + 1, batch, n]);
        h[0].copy_(torch.randn([batch, n], generator: gen));
        var d = torch.empty([layers, batch, n]);
        var g = torch.empty([2, batch, n]);
        float* hp = TanhKernel.Address(h), wp = TanhKernel.Address(w), bp = TanhKernel.Address(b);
        float* dp = TanhKernel.Address(d), gp = TanhKernel.Address(g);
        long slot = (long)batch * n;
        using var minusOne = (-1.0f).ToScalar();
        var slots = h.unbind(0);
        var wt = w.transpose(1, 2).unbind(0);
        var wl = w.unbind(0);
        var ds = d.unbind(0);
        Report("forward libtorch", () =>
        {
            using var s = NewDisposeScope();
            h.narrow(0, 1, layers).copy_(b.unsqueeze(1));
            for (int j = 0; j < layers; j++) slots[j + 1].addmm_(slots[j], wt[j]).tanh_();
        });
        var reference = h.clone();
        var (ha, wa, ba, da, ga) = ((nint)hp, (nint)wp, (nint)bp, (nint)dp, (nint)gp);
        Report("forward managed", () =>
        {
            using var s = NewDisposeScope();
            var transposed = w.transpose(1, 2).contiguous();                 // as TanhStack: one copy per segment
            var wta = (nint)TanhKernel.Address(transposed);
            TanhKernel.ForRowParts(batch, n, (row, rows, buffer) =>
            {
                float* x = (float*)ha + (long)row * n;
                for (int j = 0; j < layers; j++)
                    TanhKernel.Forward(x + j * slot, (float*)wta + (long)j * n * n, (float*)ba + j * n, x + (j + 1) * slot, rows, n,
                        buffer);
            });
        });
        Console.WriteLine($"  max |managed − libtorch| over all layers: {(h - reference).abs().max().item<float>():g3}");
        var top = torch.randn([batch, n], generator: gen);
        Report("backward libtorch", () =>
        {
            using var s = NewDisposeScope();
            var gg = top;
            for (int j = layers - 1; j >= 0; j--)
            {
                var a = slots[j + 1];
                var ga = gg.mul(a);
                var delta = ds[j].copy_(gg).addcmul_(ga, a, minusOne);
                gg = delta.mm(wl[j]);
            }
        });
        Report("backward managed", () =>
        {
            g[0].copy_(top);
            TanhKernel.ForRowParts(batch, n, (row, rows, buffer) =>
            {
                long offset = (long)row * n;
                for (int j = layers - 1, k = 0; j >= 0; j--, k ^= 1)
                    TanhKernel.Backward((float*)ga + k * slot + offset, (float*)ha + (j + 1) * slot + offset, (float*)wa + (long)j * n * n,
                        (float*)da + j * slot + offset, (float*)ga + (k ^ 1) * slot + offset, rows, n, buffer);
            });
        });

        void Report(string name, Action segment)
        {
            segment();
            double best = double.MaxValue, bestCpu = double.MaxValue;
            var process = Process.GetCurrentProcess();
            for (int r = 0; r < rounds; r++)
            {
                process.Refresh();
                var cpu = process.TotalProcessorTime;
                var watch = Stopwatch.StartNew();
                segment();
                best = Math.Min(best, watch.Elapsed.TotalMicroseconds / layers);
                process.Refresh();
                bestCpu = Math.Min(bestCpu, (process.TotalProcessorTime - cpu).TotalMicroseconds / layers);
            }
            double gflops = 2.0 * batch * n * n / best / 1e3;
            Console.WriteLine($"n {n} B {batch} threads {torch.get_num_threads()}  {name,-18} {best,7:F2} µs/layer wall, " +
                              $"{bestCpu,7:F2} CPU  ({gflops:F1} GFLOP/s in the product)");
        }
    }
}
