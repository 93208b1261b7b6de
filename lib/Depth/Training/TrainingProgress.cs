namespace Depth;

/// <summary>A progress report from the <see cref="Trainer"/>.</summary>
/// <param name="Step">Optimiser steps done so far.</param>
/// <param name="TotalSteps">Steps planned.</param>
/// <param name="Epoch">Current epoch (1-based).</param>
/// <param name="Loss">Loss of the latest mini-batch.</param>
/// <param name="LearningRate">Learning rate of the latest step.</param>
/// <param name="Elapsed">Wall time since the start of training.</param>
/// <param name="EpochDone">The epoch record when this report closes an epoch, else null.</param>
public sealed record TrainingProgress(int Step, int TotalSteps, int Epoch, double Loss, double LearningRate, TimeSpan Elapsed, EpochRecord? EpochDone)
{
    /// <summary>One plain line, e.g. "step 300/938 epoch 1 loss 0.4123 lr 0.001 3.2s".</summary>
    public override string ToString()
        => EpochDone is { } e
            ? $"epoch {e.Epoch}: train loss {e.TrainLoss:F4} acc {e.TrainAccuracy:P1}, test loss {e.TestLoss:F4} acc {e.TestAccuracy:P1} ({Elapsed.TotalSeconds:F1}s)"
            : $"step {Step}/{TotalSteps} epoch {Epoch} loss {Loss:F4} lr {LearningRate:G3} {Elapsed.TotalSeconds:F1}s";
}
