namespace Depth;

/// <summary>Decides, step by step, whether training has diverged: the loss is NaN or ±∞, or it
/// exceeds <c>factor</c> × the loss of the run's first step (the reference; a non-positive
/// reference disables the factor test, since no growth of zero is measurable). The state survives a
/// checkpoint.</summary>
internal sealed class DivergenceGuard(double? factor)
{
    /// <summary>Loss of step 1 (null before it).</summary>
    public double? FirstLoss { get; set; }
    /// <summary>Last accepted loss and its step.</summary>
    public double? LastLoss { get; set; }
    /// <inheritdoc cref="LastLoss"/>
    public int? LastStep { get; set; }

    /// <summary>Accepts <paramref name="loss"/> of <paramref name="step"/> or throws
    /// <see cref="TrainingDivergedException"/>.</summary>
    public void Check(int step, double loss)
    {
        if (!double.IsFinite(loss))
            throw new TrainingDivergedException(step, loss, LastStep, LastLoss);
        if (FirstLoss is not { } first)
            FirstLoss = loss;
        else if (factor is { } f && first > 0 && loss > f * first)
            throw new TrainingDivergedException(step, loss, LastStep, LastLoss, f, first);
        LastLoss = loss;
        LastStep = step;
    }
}
