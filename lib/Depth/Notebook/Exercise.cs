using System.Globalization;

namespace Depth;

/// <summary>
/// Self-checks for a lesson's exercises. The learner writes an answer into a variable (initially <c>null</c>);
/// the check cell says whether it is right. Unlike a <see cref="Claim"/>, a check never throws and never counts
/// as a claim: an unanswered or wrong exercise must not stop the notebook.
/// <code>
/// double? answer1 = null;   // your answer: how many parameters does Linear(784, 10) have?
/// Exercise.Check(1, answer1, expected: 7850, hint: "weights plus one bias per output");
/// </code>
/// </summary>
public static class Exercise
{
    /// <summary>Where the verdict goes (default: <see cref="Console.Out"/> at the time of the check).</summary>
    public static TextWriter? Output { get; set; }

    /// <summary>Checks a numeric answer against <paramref name="expected"/> within a relative tolerance.</summary>
    /// <returns><c>true</c> when answered and right.</returns>
    public static bool Check(int number, double? answer, double expected, string hint, double relativeTolerance = 1e-6)
    {
        if (answer is null) return Report(number, null, hint);
        var ok = Math.Abs(answer.Value - expected) <= relativeTolerance * Math.Max(1, Math.Abs(expected));
        return Report(number, ok, ok ? $"{F(answer.Value)} is right." : $"{F(answer.Value)} is not it yet. Hint: {hint}");
    }

    /// <summary>Checks an answer of any type by equality with <paramref name="expected"/>.</summary>
    public static bool Check<T>(int number, T? answer, T expected, string hint) where T : class
    {
        if (answer is null) return Report(number, null, hint);
        var ok = EqualityComparer<T>.Default.Equals(answer, expected);
        return Report(number, ok, ok ? $"{answer} is right." : $"{answer} is not it yet. Hint: {hint}");
    }

    /// <summary>Checks an answer with a predicate (for answers that are right in more than one form).</summary>
    public static bool Check<T>(int number, T? answer, Func<T, bool> isRight, string hint)
    {
        if (answer is null) return Report(number, null, hint);
        var ok = isRight(answer);
        return Report(number, ok, ok ? $"{answer} is right." : $"{answer} is not it yet. Hint: {hint}");
    }

    private static bool Report(int number, bool? ok, string message)
    {
        var line = ok switch
        {
            null => $"✎ Exercise {number}: not answered yet — replace null with your answer. Hint: {message}",
            true => $"★ Exercise {number}: correct! {message}",
            false => $"✎ Exercise {number}: {message}",
        };
        var w = Output ?? Console.Out;
        w.WriteLine(line);
        w.Flush();
        return ok == true;
    }

    private static string F(double v) => v.ToString("G6", CultureInfo.InvariantCulture);
}
