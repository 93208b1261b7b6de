using BenchmarkDotNet.Attributes;
using Depth;
using TorchSharp;
using static TorchSharp.torch;

namespace Depth.Benchmarks;

/// <summary>One training step (forward, backward) through a deep tanh MLP: the cost that lesson 07 pays 10,000 layers deep.</summary>
[Config(typeof(BenchConfig))]
public class DeepNetworkBenchmarks
{
    [Params(1_000, 10_000)] public int Depth;
    [Params(1, 2)] public int Threads;

    Mlp model = null!;
    Tensor x = null!, y = null!;

    [GlobalSetup]
    public void Setup()
    {
        torch.set_num_threads(Threads);
        model = new Mlp(784, 64, Depth, 10, Activation.Tanh, seed: 1)
            .InitialisedWith(InitScheme.Critical(1.049912, 2e-5, orthogonal: true), seed: 1);
        x = torch.rand(64, 784, generator: new Generator(1));
        y = torch.randint(0, 10, new long[] { 64 }, generator: new Generator(2));
    }

    [Benchmark(Description = "forward+backward, batch 64, width 64")]
    public float Step()
    {
        using var scope = NewDisposeScope();
        model.zero_grad();
        var loss = nn.functional.cross_entropy(model.forward(x), y);
        loss.backward();
        return loss.item<float>();
    }

    [Benchmark(Description = "build the network")]
    public int Build()
    {
        using var m = new Mlp(784, 64, Depth, 10, Activation.Tanh, seed: 1);
        return m.Layers.Count;
    }

    [GlobalCleanup]
    public void Cleanup() { model.Dispose(); x.Dispose(); y.Dispose(); }
}
