using System.Globalization;

namespace Depth;

/// <summary>Training diverged: a mini-batch loss was NaN or infinite, or grew past
/// <see cref="TrainerOptions.DivergenceFactor"/> times the loss of the first step.</summary>
public sealed class TrainingDivergedException : Exception
{
    /// <summary>A non-finite loss at <paramref name="step"/>.</summary>
    public TrainingDivergedException(int step, double loss, int? lastFiniteStep,
                                     double? lastFiniteLoss)
        : this(step, loss, lastFiniteStep, lastFiniteLoss, null, null)
    {
    }

    /// <summary>A loss at <paramref name="step"/> that is not finite, or (when <paramref
    /// name="factor"/> and <paramref name="firstLoss"/> are given) finite but over <paramref
    /// name="factor"/> × <paramref name="firstLoss"/>. </summary>
    public TrainingDivergedException(int step, double loss, int? lastFiniteStep,
                                     double? lastFiniteLoss, double? factor, double? firstLoss)
        : base(Describe(step, loss, lastFiniteStep, lastFiniteLoss, factor, firstLoss))
    {
        Step = step;
        Loss = loss;
        LastFiniteStep = lastFiniteStep;
        LastFiniteLoss = lastFiniteLoss;
        Factor = double.IsFinite(loss) ? factor : null;
        FirstLoss = firstLoss;
    }

    /// <summary>What the run recorded up to the step before it (<see cref="History.Diverged"/>
    /// set); null when thrown outside <see cref="Trainer.Train"/>.</summary>
    public History? History { get; internal set; }

    /// <summary>The step (1-based) whose loss diverged.</summary>
    public int Step { get; }
    /// <summary>Its loss: NaN, ±∞, or a finite loss over <see cref="Factor"/> × <see
    /// cref="FirstLoss"/>.</summary>
    public double Loss { get; }
    /// <summary>The last step whose loss was accepted (finite and within the factor), if
    /// any.</summary>
    public int? LastFiniteStep { get; }
    /// <summary>Its loss.</summary>
    public double? LastFiniteLoss { get; }
    /// <summary>The growth factor that was exceeded; null when the loss was not finite.</summary>
    public double? Factor { get; }
    /// <summary>The loss of the run's first step, the reference for <see cref="Factor"/> (null if
    /// not known).</summary>
    public double? FirstLoss { get; }

    private static string Describe(int step, double loss, int? lastStep, double? lastLoss,
                                   double? factor, double? firstLoss)
    {
        var c = CultureInfo.InvariantCulture;
        string what = !double.IsFinite(loss)
            ? $"loss = {(double.IsNaN(loss) ? "NaN" : loss > 0 ? "+Inf" : "-Inf")}"
            : string.Format(c, "loss = {0:G3}, over {1:G3} × the first step's loss {2:G3}",
                            loss, factor, firstLoss);
        string last = lastStep is { } s
            ? string.Format(c, " (last finite {0:G3} at step {1})", lastLoss, s)
            : " (no finite loss before it)";
        return $"diverged at step {step}: {what}{last}";
    }
}
