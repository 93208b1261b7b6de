using Depth;

namespace Depth.Tests;

[Collection(nameof(Serial))] // redirects the shared Exercise.Output
public class NotebookExerciseTests
{
    static (bool Result, string Text) Run(Func<bool> check)
    {
        var w = new StringWriter();
        Exercise.Output = w;
        try { return (check(), w.ToString().Trim()); }
        finally { Exercise.Output = null; }
    }

    [Fact]
    public void UnansweredSaysSoWithTheHintAndIsNotAClaim()
    {
        var (ok, text) = Run(() => Exercise.Check(1, (double?)null, 7850, "weights plus biases"));
        Assert.False(ok);
        Assert.StartsWith("✎ Exercise 1: not answered yet", text);
        Assert.Contains("weights plus biases", text);
        Assert.False(text.StartsWith("✓ ") || text.StartsWith("✗ "), "exercise lines must not look like claims");
    }

    [Fact]
    public void RightAndWrongNumericAnswers()
    {
        Assert.Equal((true, "★ Exercise 2: correct! 7850 is right."), Run(() => Exercise.Check(2, 7850.0, 7850, "h")));
        var (ok, text) = Run(() => Exercise.Check(2, 7840.0, 7850, "one bias per output"));
        Assert.False(ok);
        Assert.Equal("✎ Exercise 2: 7840 is not it yet. Hint: one bias per output", text);
        Assert.True(Run(() => Exercise.Check(3, 0.1001, 0.1, "h", relativeTolerance: 0.01)).Result);
    }

    [Fact]
    public void TextAndPredicateAnswers()
    {
        Assert.True(Run(() => Exercise.Check(4, "tanh", "tanh", "h")).Result);
        Assert.False(Run(() => Exercise.Check(4, "relu", "tanh", "h")).Result);
        Assert.True(Run(() => Exercise.Check(5, (int?)12, n => n is > 10 and < 20, "h")).Result);
        Assert.False(Run(() => Exercise.Check(5, (int?)2, n => n is > 10 and < 20, "h")).Result);
    }
}
