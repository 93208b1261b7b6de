using System.Diagnostics;
using Depth.Data;
using Depth.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth.Training;

/// <summary>Parameters trained with their own Adam learning rate (before the schedule's factor).</summary>
/// <param name="Name">Display name, e.g. "hidden kernels".</param>
/// <param name="Parameters">The tensors of the group.</param>
/// <param name="LearningRate">Adam's base rate for the group.</param>
public sealed record ParameterGroup(string Name, IReadOnlyList<Parameter> Parameters, double LearningRate);

/// <summary>One progress point of a run.</summary>
/// <param name="Run">Name of the run.</param>
/// <param name="Step">Adam steps taken (0 = before training).</param>
/// <param name="Seconds">Wall time since the first step, evaluation included.</param>
/// <param name="TrainLoss">Mean cross-entropy over the steps since the previous point (NaN at step 0).</param>
/// <param name="TestAccuracy">Accuracy on the evaluation set.</param>
/// <param name="PeakMb">Peak resident memory of the process so far.</param>
public sealed record TrainingPoint(string Run, int Step, double Seconds, double TrainLoss, double TestAccuracy, double PeakMb);

/// <summary>
/// Mini-batch Adam with one learning rate per parameter group and cosine decay of all of them to 0
/// (Loshchilov &amp; Hutter 2017, SGDR): the recipe of lessons 07 and 08 for 10,000-layer networks, where each kind of
/// layer needs a rate set by the size its weights live at.
/// </summary>
public static class GroupTrainer
{
    /// <summary>
    /// Trains <paramref name="model"/> for <paramref name="steps"/> steps of <paramref name="batchSize"/> examples drawn
    /// in a seeded order (wrapping around the training set), one dispose scope per step, and evaluates on
    /// <paramref name="eval"/> at step 0, every <paramref name="evalEvery"/> steps and at the end, writing a progress line
    /// (loss, accuracy, wall time, peak memory) to <paramref name="log"/> (default: the console).
    /// </summary>
    /// <exception cref="TrainingDivergedException">The loss became NaN or infinite; the step and last finite loss are named.</exception>
    public static List<TrainingPoint> Train(string name, nn.Module<Tensor, Tensor> model, IReadOnlyList<ParameterGroup> groups,
        Dataset train, Dataset eval, int steps, int batchSize, int evalEvery, long seed, TextWriter? log = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(groups);
        if (groups.Count == 0) throw new ArgumentException("GroupTrainer needs at least one parameter group.", nameof(groups));
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "GroupTrainer needs at least one step.");
        if (batchSize < 1 || batchSize > train.Count)
            throw new ArgumentOutOfRangeException(nameof(batchSize), batchSize, $"batch size must be in 1 … {train.Count} (the training set).");
        if (evalEvery < 1) throw new ArgumentOutOfRangeException(nameof(evalEvery), evalEvery, "evalEvery must be positive.");
        log ??= Console.Out;
        TorchThreads.ApplyHere();            // the lesson's thread count on this cell's thread, as Trainer.Train
        NativeHeap.Trim();                   // start from the memory in use, not what earlier cells left free
        using var optimizer = new KeptScalarAdam(groups.Select(g => new Adam.ParamGroup(g.Parameters, g.LearningRate)).ToArray(),
            groups[0].LearningRate);
        var cosine = new TrainerOptions { Schedule = ScheduleKind.Cosine, LearningRate = 1 };
        var order = new SeededRandom(seed).Permutation(train.Count);
        var points = new List<TrainingPoint> { new(name, 0, 0, double.NaN, Trainer.Evaluate(model, eval).Accuracy, ProcessMemory.PeakMb()) };
        var watch = Stopwatch.StartNew();
        double lossSum = 0;
        int lossCount = 0;
        var guard = new DivergenceGuard(factor: null);   // NaN/∞ only: the Trainer's own check
        for (int step = 1; step <= steps; step++)
        {
            double factor = Trainer.LearningRateAt(cosine, epoch: 1, step: step - 1, steps);   // 1 → 0
            int g = 0;
            foreach (var group in optimizer.ParamGroups) group.LearningRate = groups[g++].LearningRate * factor;
            using (var scope = NewDisposeScope())
            {
                int start = (int)((long)(step - 1) * batchSize % (train.Count - batchSize + 1));
                var idx = torch.tensor(order.AsSpan(start, batchSize).ToArray().Select(i => (long)i).ToArray());
                optimizer.zero_grad();
                var loss = nn.functional.cross_entropy(model.call(train.Inputs.index_select(0, idx)), train.Targets.index_select(0, idx));
                loss.backward();
                optimizer.step();
                double value = loss.item<float>();
                guard.Check(step, value);
                lossSum += value;
                lossCount++;
            }
            if (step % evalEvery != 0 && step != steps) continue;
            double accuracy = Trainer.Evaluate(model, eval).Accuracy, mean = lossSum / lossCount;
            NativeHeap.Trim();               // evaluation's batches are other sizes than a step's: give them back
            double peak = ProcessMemory.PeakMb();
            points.Add(new(name, step, watch.Elapsed.TotalSeconds, mean, accuracy, peak));
            log.WriteLine($"{name}: step {step}/{steps}  loss {mean:F3}  test accuracy {accuracy:P1} ({eval.Count:N0} images)  " +
                $"{watch.Elapsed.TotalSeconds:F0} s ({watch.Elapsed.TotalSeconds / step:F2} s/step)  peak {peak:F0} MB");
            lossSum = 0;
            lossCount = 0;
        }
        return points;
    }
}
