using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>The one way the course trains a network: any <c>Module&lt;Tensor, Tensor&gt;</c> on a
/// <see cref="Dataset"/>, recording a <see cref="History"/>. One dispose scope per step (memory
/// stays flat), seeded batch order (same seed, same history; <see cref="BatchOrder"/>), parameter
/// groups with their own rates under one schedule, evaluation under <c>no_grad</c> in eval mode
/// after each epoch or every <see cref="TrainerOptions.EvaluateEvery"/> steps, a <see
/// cref="TrainingDivergedException"/> (carrying the history so far) when the loss is NaN/Inf or
/// grows past <see cref="TrainerOptions.DivergenceFactor"/> × its first value, exact
/// checkpoint/resume (weights, optimiser, generator state, position in the epoch; refused from
/// other settings) and early stopping. The number of torch threads is the one a lesson chose with
/// <see cref="TorchThreads.Use"/>, re-applied on the calling OS thread (a notebook kernel
/// may run each cell on another thread), else left as it is.</summary>
public static class Trainer
{
    /// <summary>Trains <paramref name="model"/> on <paramref name="train"/>, evaluating on
    /// <paramref name="test"/> (optional) after every epoch or every <see
    /// cref="TrainerOptions.EvaluateEvery"/> steps.</summary>
    /// <exception cref="TrainingDivergedException">The loss diverged; its <see
    /// cref="TrainingDivergedException.History"/> holds the steps before.</exception>
    public static History Train(nn.Module<Tensor, Tensor> model, Dataset train, Dataset? test,
                                TrainerOptions options)
    {
        ArgumentNullException.ThrowIfNull(model);
        Validate(train, test, options);
        TorchThreads.ApplyHere();
        NativeHeap.Trim();   // start from the memory in use, not what earlier cells left free
        torch.manual_seed(options.Seed);

        bool oneShuffle = options.Order == BatchOrder.OneShuffle;
        int perEpoch = oneShuffle ? options.MaxSteps!.Value : Batches.Count(train.Count, options.BatchSize);
        int epochs = oneShuffle ? 1 : options.Epochs;
        int planned = Math.Min(perEpoch * epochs, options.MaxSteps ?? int.MaxValue);
        using var optimizer = CreateOptimizer(model, options);
        var history = new History { Seed = options.Seed, Name = options.Name };
        var guard = new DivergenceGuard(options.DivergenceFactor);
        var settings = options.CheckpointPath is null
            ? null : CheckpointSettings.Of(options, train, model, planned);
        int step = 0, startEpoch = 1, resumeAt = 0, sinceBest = 0, seen = 0;
        double best = double.PositiveInfinity, secondsBefore = 0, lossSum = 0, correctSum = 0;

        if (options.CheckpointPath is { } ckpt && Checkpoint.Exists(ckpt))
        {
            var state = Checkpoint.Load(ckpt, model, optimizer, settings!);
            history.Steps.AddRange(state.Steps);
            history.Epochs.AddRange(state.Epochs);
            (step, startEpoch, resumeAt) = (state.Step, state.Epoch, state.Start);
            (lossSum, correctSum, seen) = (state.EpochLossSum, state.EpochCorrect, state.EpochSeen);
            (best, sinceBest, secondsBefore) = (state.BestLoss, state.SinceBest, state.Seconds);
            // The record of the first part of an epoch cut short by MaxSteps: it is finished now.
            if (resumeAt > 0 && history.Epochs.Count > 0 && history.Epochs[^1].Epoch == startEpoch)
                history.Epochs.RemoveAt(history.Epochs.Count - 1);
            (guard.FirstLoss, guard.LastLoss) = (state.FirstLoss, state.LastLoss);
            guard.LastStep = state.LastStep;
            options.Log?.WriteLine($"resumed from {ckpt} at step {step} (epoch {startEpoch})");
        }

        using var watched = options.Watch?.detach().clone();
        double pointLossSum = 0;
        int pointLossCount = 0;
        var clock = new Stopwatch();
        TimeSpan Elapsed() => clock.Elapsed + TimeSpan.FromSeconds(secondsBefore);
        void EvaluateNow()
        {
            var (testLoss, testAccuracy) = Evaluate(model, test!, options.Loss, options.EvalBatchSize);
            NativeHeap.Trim();   // evaluation's batches are other sizes than a step's: give them back
            double peak = ProcessMemory.PeakMb(), seconds = Elapsed().TotalSeconds;
            double mean = pointLossCount == 0 ? double.NaN : pointLossSum / pointLossCount;
            history.Evaluations.Add(new(step, seconds, mean, testLoss, testAccuracy, peak));
            if (step > 0)
                options.Log?.WriteLine($"{options.Name}: step {step}/{planned}  loss {mean:F3}  "
                    + $"test accuracy {testAccuracy:P1} ({test!.Count:N0} images)  {seconds:F0} s "
                    + $"({seconds / step:F2} s/step)  peak {peak:F0} MB");
            (pointLossSum, pointLossCount) = (0, 0);
        }
        if (options.EvaluateEvery is not null && step == 0) EvaluateNow();
        clock.Start();
        var stepClock = new Stopwatch();
        CheckpointState Snapshot(int epoch, int start)
            => new(history.Steps, history.Epochs, best, sinceBest)
        {
            Step = step, Epoch = epoch, Start = start,
            EpochLossSum = lossSum, EpochCorrect = correctSum, EpochSeen = seen,
            Seconds = Elapsed().TotalSeconds,
            FirstLoss = guard.FirstLoss, LastLoss = guard.LastLoss, LastStep = guard.LastStep,
            GeneratorState = Checkpoint.GetGeneratorState(), Settings = settings,
        };

        try
        {
            Run();
        }
        catch (TrainingDivergedException e)
        {
            (history.Diverged, history.StopReason, history.StepCount) = (true, e.Message, step - 1);
            e.History = history;
            throw;
        }
        history.StepCount = step;
        if (watched is not null)
        {
            using var noGrad = no_grad();
            using var scope = NewDisposeScope();
            history.WatchedChange = (options.Watch! - watched).norm().item<float>();
        }
        return history;

        void Run()
        {
            for (int epoch = startEpoch; epoch <= epochs && step < planned; epoch++)
            {
                model.train();
                int[] order = oneShuffle ? Windows(train.Count, options.BatchSize, planned, options.Seed)
                    : new SeededRandom(MixSeed(options.Seed, epoch)).Permutation(train.Count);
                int batch = options.BatchSize, position = resumeAt;
                for (int start = resumeAt; start < order.Length && step < planned; start += batch)
                {
                    stepClock.Restart();
                    int size = Math.Min(options.BatchSize, order.Length - start);
                    double lr = SetLearningRates(optimizer, options, epoch, step, planned);

                    double loss, correct;
                    using (var scope = NewDisposeScope())
                    {
                        long[] rows = order[start..(start + size)].Select(i => (long)i).ToArray();
                        var idx = tensor(rows, ScalarType.Int64);
                        var x = train.Inputs.index_select(0, idx);
                        var y = train.Targets.index_select(0, idx);
                        optimizer.zero_grad();
                        var output = model.call(x);
                        var lossT = ComputeLoss(options.Loss, output, y);
                        loss = lossT.item<float>();
                        step++;
                        guard.Check(step, loss);
                        lossT.backward();
                        if (options.ClipGradNorm is { } maxNorm)
                            nn.utils.clip_grad_norm_(model.parameters(), maxNorm);
                        optimizer.step();
                        correct = options.Loss == LossKind.CrossEntropy
                            ? output.argmax(1).eq(y).sum().item<long>() : double.NaN;
                    }
                    lossSum += loss * size;
                    correctSum += correct;
                    seen += size;
                    position = start + size;
                    stepClock.Stop();
                    if (options.RecordSteps)
                    {
                        double ms = stepClock.Elapsed.TotalMilliseconds;
                        history.Steps.Add(new StepRecord(step, epoch, loss, lr, ms));
                    }
                    (pointLossSum, pointLossCount) = (pointLossSum + loss, pointLossCount + 1);
                    if (options.EvaluateEvery is { } every && (step % every == 0 || step == planned))
                        EvaluateNow();
                    bool midEpoch = position < order.Length && step < planned;
                    if (options.CheckpointPath is { } midPath && options.CheckpointEvery is { } n
                        && step % n == 0 && midEpoch)
                        Checkpoint.Save(midPath, model, optimizer, Snapshot(epoch, position));
                    if (options.ProgressEvery > 0 && step % options.ProgressEvery == 0)
                        Report(options, new(step, planned, epoch, loss, lr, Elapsed(), null));
                }
                resumeAt = 0;
                if (oneShuffle) return;   // no epochs: the evaluations are the record

                bool lastEpoch = epoch == epochs || step >= planned;
                bool tested = lastEpoch || options.TestEvery > 0 && epoch % options.TestEvery == 0;
                var (testLoss, testAcc) = test is null || !tested
                    ? (double.NaN, double.NaN)
                    : Evaluate(model, test, options.Loss, options.EvalBatchSize);
                var record = new EpochRecord(epoch, step, lossSum / seen, correctSum / seen,
                                             testLoss, testAcc, Elapsed().TotalSeconds);
                history.Epochs.Add(record);
                double lrNow = LearningRateAt(options, epoch, step, planned);
                double lastLoss = guard.LastLoss ?? double.NaN;
                Report(options, new(step, planned, epoch, lastLoss, lrNow, Elapsed(), record));

                // An epoch cut short by MaxSteps is recorded; a resume finishes it and replaces that.
                bool cut = position < order.Length;
                double monitored = test is null ? record.TrainLoss : testLoss;
                if (!cut && monitored < best) { best = monitored; sinceBest = 0; }
                else if (!cut) sinceBest++;
                if (options.CheckpointPath is { } path)
                    Checkpoint.Save(path, model, optimizer,
                                    cut ? Snapshot(epoch, position) : Snapshot(epoch + 1, 0));
                (lossSum, correctSum, seen) = (0, 0, 0);
                if (options.EarlyStoppingPatience is { } patience && sinceBest >= patience)
                {
                    history.StopReason =
                        $"early stopping after epoch {epoch} (no improvement for {patience} epochs)";
                    return;
                }
            }
            if (options.MaxSteps is { } max && step >= max && perEpoch * epochs > max && !oneShuffle)
                history.StopReason = $"max steps ({max})";
        }
    }

    private static void Validate(Dataset train, Dataset? test, TrainerOptions options)
    {
        if (options.Order == BatchOrder.OneShuffle
            && (options.MaxSteps is null || options.BatchSize > train.Count
                || options.CheckpointPath is not null || options.EarlyStoppingPatience is not null))
            throw new ArgumentException("BatchOrder.OneShuffle needs MaxSteps and a BatchSize of at "
                + $"most the training set ({train.Count}), and takes no checkpoints or early stopping",
                nameof(options));
        if (options.Groups is { } groups && (groups.Count == 0 || options.Optimizer != OptimizerKind.Adam))
            throw new ArgumentException("parameter groups need at least one group and Adam",
                nameof(options));
        if (options.TestEvery < 0 || options.TestEvery != 1 && options.EarlyStoppingPatience is not null)
            throw new ArgumentException($"TestEvery = {options.TestEvery}: the count must be at least 0, "
                + "and early stopping monitors the test loss of every epoch (TestEvery = 1)",
                nameof(options));
        if (options.EvaluateEvery is { } every && (every <= 0 || test is null))
            throw new ArgumentException(
                $"EvaluateEvery needs a test set and a positive step count, got {every}", nameof(options));
        if (options.BatchSize <= 0)
            throw new ArgumentOutOfRangeException(
                nameof(options), $"BatchSize must be positive, got {options.BatchSize}");
        if (options.Loss == LossKind.CrossEntropy && !train.IsClassification)
            throw new ArgumentException($"{train.Name}: cross-entropy needs int64 class labels, "
                                        + $"targets are {train.Targets.dtype}");
        if (options.DivergenceFactor is { } f && !(f > 1))
            throw new ArgumentOutOfRangeException(
                nameof(options), $"DivergenceFactor must be over 1 (or null), got {f}");
        if (options.CheckpointEvery is { } n && n <= 0)
            throw new ArgumentOutOfRangeException(
                nameof(options), $"CheckpointEvery must be positive, got {n}");
    }

    /// <summary>Mean loss and accuracy of <paramref name="model"/> on <paramref name="data"/>,
    /// under <c>no_grad</c> in eval mode (the previous train/eval mode is restored). Accuracy is
    /// NaN for regression.</summary>
    public static (double Loss, double Accuracy) Evaluate(nn.Module<Tensor, Tensor> model, Dataset data, LossKind loss = LossKind.CrossEntropy, int batchSize = 1000)
    {
        TorchThreads.ApplyHere();
        bool wasTraining = model.training;
        model.eval();
        try
        {
            using var noGrad = no_grad();
            double lossSum = 0, correct = 0;
            for (int start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int size = Math.Min(batchSize, data.Count - start);
                var x = data.Inputs.narrow(0, start, size);
                var y = data.Targets.narrow(0, start, size);
                var output = model.call(x);
                lossSum += ComputeLoss(loss, output, y).item<float>() * size;
                if (loss == LossKind.CrossEntropy) correct += output.argmax(1).eq(y).sum().item<long>();
            }
            return (lossSum / data.Count, loss == LossKind.CrossEntropy ? correct / data.Count : double.NaN);
        }
        finally
        {
            model.train(wasTraining);
        }
    }

    /// <summary>The learning rate of the schedule at (<paramref name="epoch"/>, <paramref
    /// name="step"/> done so far) out of <paramref name="totalSteps"/>.</summary>
    public static double LearningRateAt(TrainerOptions o, int epoch, int step, int totalSteps) => o.Schedule switch
    {
        ScheduleKind.Constant => o.LearningRate,
        ScheduleKind.Step => o.LearningRate * Math.Pow(o.StepGamma, (epoch - 1) / Math.Max(1, o.StepEpochs)),
        ScheduleKind.Cosine => o.LearningRate * 0.5 * (1 + Math.Cos(Math.PI * Math.Min(step, totalSteps) / Math.Max(1, totalSteps))),
        _ => throw new ArgumentOutOfRangeException(nameof(o), o.Schedule, "unknown schedule"),
    };

    private static Tensor ComputeLoss(LossKind kind, Tensor output, Tensor target) => kind switch
    {
        LossKind.CrossEntropy => nn.functional.cross_entropy(output, target),
        LossKind.MeanSquaredError => nn.functional.mse_loss(output, target.reshape(output.shape)),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "unknown loss"),
    };

    // Sets each parameter group's rate for this step and returns the rate (with groups: the
    // schedule's factor, which multiplies each group's base rate).
    private static double SetLearningRates(optim.Optimizer optimizer, TrainerOptions o, int epoch,
        int step, int planned)
    {
        if (o.Groups is not { } groups)
        {
            double lr = LearningRateAt(o, epoch, step, planned);
            foreach (var g in optimizer.ParamGroups) g.LearningRate = lr;
            return lr;
        }
        double factor = LearningRateAt(o with { LearningRate = 1 }, epoch, step, planned);
        int i = 0;
        foreach (var g in optimizer.ParamGroups) g.LearningRate = groups[i++].LearningRate * factor;
        return factor;
    }

    // BatchOrder.OneShuffle: the rows of every step, one after another. Step t (0-based) takes the
    // batch starting at t·B modulo N − B + 1 of one seeded permutation.
    private static int[] Windows(int count, int batch, int steps, long seed)
    {
        int[] permutation = new SeededRandom(seed).Permutation(count);
        var rows = new int[(long)steps * batch];
        for (int t = 0; t < steps; t++)
            Array.Copy(permutation, (int)((long)t * batch % (count - batch + 1)), rows, (long)t * batch, batch);
        return rows;
    }

    // torch.optim's updates, with their Scalars kept alive during native calls (KeptScalarOptimizers.cs says why).
    private static optim.Optimizer CreateOptimizer(nn.Module<Tensor, Tensor> model, TrainerOptions o) => o.Optimizer switch
    {
        OptimizerKind.Adam when o.Groups is { } groups => new KeptScalarAdam(
            groups.Select(g => new Adam.ParamGroup(g.Parameters, g.LearningRate)).ToArray(),
            groups[0].LearningRate),
        OptimizerKind.Sgd => new KeptScalarSgd(model.parameters(), o.LearningRate, o.Momentum, o.WeightDecay),
        OptimizerKind.Adam => new KeptScalarAdam(model.parameters(), o.LearningRate, o.WeightDecay),
        OptimizerKind.RmsProp => new KeptScalarRmsProp(model.parameters(), o.LearningRate, o.Momentum, o.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(o), o.Optimizer, "unknown optimizer"),
    };

    private static long MixSeed(long seed, int epoch) => unchecked(seed * 0x5851F42D4C957F2DL + epoch * 0x14057B7EF767814FL);

    private static void Report(TrainerOptions options, TrainingProgress p)
    {
        options.Progress?.Invoke(p);
        options.Log?.WriteLine(p.ToString());
    }
}
