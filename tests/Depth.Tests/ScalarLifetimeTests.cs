using Depth;
using TorchSharp;
using static TorchSharp.torch;
using Parameters = System.Collections.Generic.IEnumerable<TorchSharp.Modules.Parameter>;

namespace Depth.Tests;

/// <summary>TorchSharp 0.107 turns a number argument into a temporary <see cref="Scalar"/> that nothing disposes: the
/// garbage collector finalizes it, and when that happens during the native call that reads it, the call fails or
/// computes with a freed value (<see cref="Scalars"/>). These tests count the objects a full collection hands to the
/// finalizer: TorchSharp's own calls leave one per number, the library's kept Scalars leave none.</summary>
[Collection(nameof(Serial))]
public class ScalarLifetimeTests
{
    /// <summary>Objects that <paramref name="action"/> leaves for the finalizer: the next full collection's count of
    /// objects ready for finalization, with the heap collected and finalized before the action runs (three rounds:
    /// a finalizer can leave further finalizable objects behind).</summary>
    private static long LeftToTheFinalizer(Action action)
    {
        for (int round = 0; round < 3; round++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
        }
        action();
        GC.Collect();
        return GC.GetGCMemoryInfo(GCKind.FullBlocking).FinalizationPendingCount;
    }

    private static nn.Module<Tensor, Tensor> Net()
    {
        var model = nn.Sequential(nn.Linear(5, 4), nn.Tanh(), nn.Linear(4, 3));
        Depth.SeededInit.Apply(model, 7);
        return model;
    }

    /// <summary>What a hundred optimizer steps leave for the finalizer, each in a dispose scope as the trainers run them,
    /// after a backward pass and a first step (the optimizer's state exists).</summary>
    private static long Steps(Func<Parameters, optim.Optimizer> make)
    {
        using var model = Net();
        using var optimizer = make(model.parameters());
        using var x = torch.ones(8, 5);
        using (NewDisposeScope())
        {
            model.call(x).square().sum().backward();
            optimizer.step();
        }
        return LeftToTheFinalizer(() =>
        {
            for (int step = 0; step < 100; step++)
                using (NewDisposeScope()) optimizer.step();
        });
    }

    /// <summary>The upstream bug. When this fails, TorchSharp disposes its Scalars: <c>docs/runtime.md</c> says
    /// what can then be deleted.</summary>
    [Fact]
    public void TorchSharpLeavesANumbersScalarToTheFinalizer()
    {
        using var t = torch.ones(4);
        long left = LeftToTheFinalizer(() =>
        {
            for (int i = 0; i < 100; i++) t.mul_(0.999);
        });
        Assert.True(left >= 100, $"100 calls left {left} objects to the finalizer");
    }

    public static TheoryData<string> Kinds => ["Adam", "SGD", "RMSProp"];

    private static (Func<Parameters, optim.Optimizer> Theirs, Func<Parameters, optim.Optimizer> Ours) Pair(string kind)
        => kind switch
        {
            "Adam" => (p => optim.Adam(p, 0.01, weight_decay: 0.001), p => new KeptScalarAdam(p, 0.01, 0.001)),
            "SGD" => (p => optim.SGD(p, 0.1, momentum: 0.9, weight_decay: 0.001), p => new KeptScalarSgd(p, 0.1, 0.9, 0.001)),
            _ => (p => optim.RMSProp(p, 0.01, momentum: 0.9, weight_decay: 0.001), p => new KeptScalarRmsProp(p, 0.01, 0.9, 0.001)),
        };

    // Objects of the process's own (other threads, first calls) land in any count: a few dozen in a full test run.
    // The signal is far above that: a Scalar left per parameter and step is 400 or more in a hundred steps of these
    // four parameters, and one per call is 1,000 in a thousand calls.
    private const long Noise = 100;

    [Theory]
    [MemberData(nameof(Kinds))]
    public void KeptScalarOptimizerStepLeavesNoScalar(string kind)
    {
        var (theirs, ours) = Pair(kind);
        long left = Steps(ours);
        Assert.True(left < Noise, $"100 steps of the kept-Scalar {kind} left {left} objects to the finalizer");
        Assert.True(Steps(theirs) >= 400, $"TorchSharp's {kind} left no Scalar: the probe sees nothing");
    }

    [Fact]
    public void TanhDerivativeLeavesNoScalar()
    {
        using var h = torch.linspace(-2, 2, 16);
        long Calls(Func<Tensor, Tensor> f) => LeftToTheFinalizer(() =>
        {
            for (int i = 0; i < 1000; i++)
                using (NewDisposeScope()) f(h);
        });
        // 1 − tanh², against the same operations without the "1 +": no more objects.
        long without = Calls(h => h.tanh().square().neg_());
        Assert.True(Calls(TensorActivation.Tanh.Derivative) < without + Noise, "the derivative left Scalars");
        Assert.True(Calls(h => h.tanh().square().neg_().add_(1)) >= without + 1000,
            "TorchSharp's add_(1) left no Scalar");
    }
}
