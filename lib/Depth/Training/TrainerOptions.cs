using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>The optimiser.</summary>
public enum OptimizerKind
{
    /// <summary>Stochastic gradient descent with (heavy-ball) momentum <see
    /// cref="TrainerOptions.Momentum"/>.</summary>
    Sgd,
    /// <summary>Adam (Kingma &amp; Ba 2015), β = (0.9, 0.999).</summary>
    Adam,
    /// <summary>RMSProp (Tieleman &amp; Hinton 2012), α = 0.99, with momentum <see
    /// cref="TrainerOptions.Momentum"/> when &gt; 0.</summary>
    RmsProp,
}

/// <summary>Learning-rate schedule.</summary>
public enum ScheduleKind
{
    /// <summary>η_t = η.</summary>
    Constant,
    /// <summary>η_t = η · γ^⌊epoch / StepEpochs⌋ (γ = <see
    /// cref="TrainerOptions.StepGamma"/>).</summary>
    Step,
    /// <summary>η_t = η · ½(1 + cos(π t / T)) over the T planned steps (Loshchilov &amp; Hutter
    /// 2017, no restarts).</summary>
    Cosine,
}

/// <summary>The loss the trainer minimises.</summary>
public enum LossKind
{
    /// <summary>Cross-entropy on logits [B, C] against int64 labels [B]; accuracy is
    /// recorded.</summary>
    CrossEntropy,
    /// <summary>Mean squared error against float targets of the output's shape (regression, e.g.
    /// the sawtooth); accuracy is NaN.</summary>
    MeanSquaredError,
}

/// <summary>The order in which mini-batches are drawn.</summary>
public enum BatchOrder
{
    /// <summary>Every epoch is a new seeded shuffle of the training set, cut into consecutive
    /// batches (the last one smaller).</summary>
    Reshuffled,
    /// <summary>One seeded shuffle for the whole run; step t takes the <see
    /// cref="TrainerOptions.BatchSize"/> examples from position (t − 1)·B modulo N − B + 1 (a
    /// window that wraps around). For step budgets shorter than a pass over the data, where epochs
    /// mean nothing: the run takes <see cref="TrainerOptions.MaxSteps"/> steps, all of size B.</summary>
    OneShuffle,
}

/// <summary>Parameters trained with their own base learning rate (the schedule scales it like the
/// others).</summary>
/// <param name="Name">Display name, e.g. "hidden layers".</param>
/// <param name="Parameters">The tensors of the group.</param>
/// <param name="LearningRate">The group's base rate.</param>
public sealed record ParameterGroup(string Name, IReadOnlyList<Parameter> Parameters,
    double LearningRate);

/// <summary>Everything the <see cref="Trainer"/> needs besides the model and the data.</summary>
public sealed record TrainerOptions
{
    /// <summary>Optimiser (default Adam).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    /// <summary>Base learning rate η (default 1e-3).</summary>
    public double LearningRate { get; init; } = 1e-3;
    /// <summary>Momentum for SGD and RMSProp (default 0.9 for SGD; set 0 for plain SGD).</summary>
    public double Momentum { get; init; } = 0.9;
    /// <summary>L2 weight decay added to the gradient by the optimiser (default 0).</summary>
    public double WeightDecay { get; init; }
    /// <summary>Learning-rate schedule (default constant).</summary>
    public ScheduleKind Schedule { get; init; } = ScheduleKind.Constant;
    /// <summary>For <see cref="ScheduleKind.Step"/>: epochs between decays (default 10).</summary>
    public int StepEpochs { get; init; } = 10;
    /// <summary>For <see cref="ScheduleKind.Step"/>: decay factor γ (default 0.1).</summary>
    public double StepGamma { get; init; } = 0.1;
    /// <summary>Number of passes over the training set (default 1).</summary>
    public int Epochs { get; init; } = 1;
    /// <summary>Stop after this many optimiser steps in total (null = run all epochs).</summary>
    public int? MaxSteps { get; init; }
    /// <summary>Mini-batch size (default 128).</summary>
    public int BatchSize { get; init; } = 128;
    /// <summary>Seed for shuffling (and <c>torch.manual_seed</c>, used e.g. by dropout). Same seed,
    /// same history.</summary>
    public long Seed { get; init; }
    /// <summary>Loss (default cross-entropy).</summary>
    public LossKind Loss { get; init; } = LossKind.CrossEntropy;
    /// <summary>Stop when the monitored loss (test loss, or train loss without a test set) has not
    /// improved for this many epochs (null = never).</summary>
    public int? EarlyStoppingPatience { get; init; }
    /// <summary>Clip the global gradient norm to this value before each step (null = no
    /// clipping).</summary>
    public double? ClipGradNorm { get; init; }
    /// <summary>Stop with <see cref="TrainingDivergedException"/> when a mini-batch loss exceeds
    /// this factor times the loss of the first step (NaN and ±∞ stop the run whatever the factor;
    /// null = only those). Default 100: a cross-entropy run that starts at ln 10 ≈ 2.3 stops above
    /// 230. Measured on the lessons' Trainer runs (01–06 quick, 04–06 full): the largest mini-batch
    /// loss of any run was 2.3 × its first (lesson 04's unclipped ReLU at learning rate 0.1, thrown
    /// back to ln 10), so 100 leaves a margin of 40; Adam at learning rate 1e3 passes it at step 2.
    /// </summary>
    public double? DivergenceFactor { get; init; } = 100;
    /// <summary>When set, model, optimiser state, random-generator state, history and the run's
    /// settings are saved here after every epoch (and every <see cref="CheckpointEvery"/> steps):
    /// "&lt;path&gt;.model", "&lt;path&gt;.optim", "&lt;path&gt;.json". A run finding them resumes
    /// exactly where they were written, or refuses them with <see
    /// cref="CheckpointMismatchException"/> when they come from other settings.</summary>
    public string? CheckpointPath { get; init; }
    /// <summary>With <see cref="CheckpointPath"/>: also save every this many steps inside an epoch
    /// (null = at epoch ends only).</summary>
    public int? CheckpointEvery { get; init; }
    /// <summary>Report progress every this many steps (and at each epoch end). Default
    /// 100.</summary>
    public int ProgressEvery { get; init; } = 100;
    /// <summary>Progress callback for notebooks (null = none).</summary>
    public Action<TrainingProgress>? Progress { get; init; }
    /// <summary>Plain-text progress lines for non-interactive runs (e.g. <c>Console.Out</c>; null =
    /// silent).</summary>
    public TextWriter? Log { get; init; }
    /// <summary>Record every step in <see cref="History.Steps"/> (default true).</summary>
    public bool RecordSteps { get; init; } = true;
    /// <summary>Batch size used for evaluation (default 1000).</summary>
    public int EvalBatchSize { get; init; } = 1000;
    /// <summary>Name of the run: <see cref="History.Name"/>, chart legends and log lines.</summary>
    public string Name { get; init; } = "";
    /// <summary>Parameter groups, each with its own base learning rate (Adam only); parameters
    /// in no group are not trained. Null = every parameter at <see cref="LearningRate"/>.</summary>
    public IReadOnlyList<ParameterGroup>? Groups { get; init; }
    /// <summary>How mini-batches are drawn (default <see cref="BatchOrder.Reshuffled"/>).</summary>
    public BatchOrder Order { get; init; } = BatchOrder.Reshuffled;
    /// <summary>Evaluate on the test set at step 0, every this many steps and at the last step
    /// (<see cref="History.Evaluations"/>, with the mean training loss since the previous one and
    /// the process's peak memory; one line each to <see cref="Log"/>). Null = only after each
    /// epoch.</summary>
    public int? EvaluateEvery { get; init; }
    /// <summary>Evaluate the test set after every <c>TestEvery</c>-th epoch and after the last one
    /// (default 1: every epoch); 0: after the last one only. Other epochs record NaN test loss and
    /// accuracy (charts skip them), and <see cref="History.TestAccuracy"/> is the same number.
    /// Evaluation changes nothing in training. For runs whose test curve is drawn coarsely or not at
    /// all; with 2,000 test images and 500 training images, an evaluation cost 40 % of an epoch.</summary>
    public int TestEvery { get; init; } = 1;
    /// <summary>A tensor whose movement ‖θ_end − θ_start‖_F the run records in <see
    /// cref="History.WatchedChange"/>, e.g. the first layer's weight.</summary>
    public Tensor? Watch { get; init; }
}
