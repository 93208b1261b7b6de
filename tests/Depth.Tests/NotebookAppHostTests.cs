using Depth;

namespace Depth.Tests;

/// <summary>The runtime of the lesson apps: command-line overrides, text of displayed values, chart pages.</summary>
public class NotebookAppHostTests
{
    private static readonly string[] Declared = ["quick", "seed", "rate", "name"];

    [Fact]
    public void QuickSetsQuickAndParamsOverrideByName()
    {
        var (values, output, error) = AppHost.ParseArguments(["--quick", "--param", "seed=7", "--param=rate=0.5", "--out", "charts"], Declared);
        Assert.Null(error);
        Assert.Equal("charts", output);
        Assert.Equal(new Dictionary<string, string> { ["seed"] = "7", ["rate"] = "0.5", ["quick"] = "true" }, values);
    }

    [Fact]
    public void AnExplicitQuickParameterWinsOverTheQuickFlag()
    {
        var (values, _, _) = AppHost.ParseArguments(["--param", "quick=false", "--quick"], Declared);
        Assert.Equal("false", values["quick"]);
        Assert.False(AppHost.ParseArguments(["--quick"], ["seed"]).Values.ContainsKey("quick"));   // not declared: nothing set
    }

    [Theory]
    [InlineData(new[] { "--param", "nosuch=1" }, "parameter 'nosuch' is not declared in the parameters cell (declared: quick, seed, rate, name)")]
    [InlineData(new[] { "--param", "seed" }, "--param expects name=value, got 'seed'")]
    [InlineData(new[] { "--param" }, "--param needs a value")]
    [InlineData(new[] { "--fast" }, "unknown argument '--fast' (usage: [--quick] [--param name=value]... [--out folder])")]
    public void CommandLineErrorsSayWhatIsWrong(string[] args, string message) =>
        Assert.Equal(message, AppHost.ParseArguments(args, Declared).Error);

    [Theory]
    [InlineData(typeof(int), " 12 ", 12)]
    [InlineData(typeof(bool), "True", true)]
    [InlineData(typeof(double), "1e-3", 1e-3)]
    [InlineData(typeof(long), "-5", -5L)]
    [InlineData(typeof(string), " a b", " a b")]
    public void ValuesParseToTheDeclaredTypeInvariantly(Type type, string text, object expected)
    {
        var (value, error) = AppHost.Convert(type, "p", text);
        Assert.Null(error);
        Assert.Equal(expected, value);
    }

    [Theory]
    [InlineData(typeof(int), "1.5", "parameter 'p' is int; '1.5' is not a valid int")]
    [InlineData(typeof(int), "one", "parameter 'p' is int; 'one' is not a valid int")]
    [InlineData(typeof(double), "NaN", "parameter 'p' is double; 'NaN' is not a valid double")]
    [InlineData(typeof(double), "0,5", "parameter 'p' is double; '0,5' is not a valid double")]
    [InlineData(typeof(bool), "yes", "parameter 'p' is bool; 'yes' is not a valid bool")]
    [InlineData(typeof(int[]), "1", "parameter 'p' has type Int32[]; only bool, integer, floating-point and string parameters can be overridden")]
    public void UnparsableValuesAreRefused(Type type, string text, string message) =>
        Assert.Equal(message, AppHost.Convert(type, "p", text).Error);

    [Fact]
    public void ValuesShowAsTheirTextPlainFormatterElseToString()
    {
        var table = Table.From(["a", "b"], [[1, "x"]]);
        Assert.Equal(NotebookTests.Format(table, "text/plain"), AppHost.Text(table));
        Assert.Equal("42", AppHost.Text(42));
        Assert.Equal("<null>", AppHost.Text(null));
    }

    [Fact]
    public void AChartPageCarriesPlotlyAndTheFigure()
    {
        var figure = Charts.Lines("a <title>", [("s", [1.0, 2], [3.0, 4])]);
        var page = ChartPage.Of(figure);
        Assert.StartsWith("<!DOCTYPE html>", page);
        Assert.Contains("<title>a &lt;title&gt;</title>", page);
        Assert.Contains("plotly.js v2.28.0", page);                  // the library itself, inline: no network needed
        Assert.DoesNotContain("<script src", page);
        Assert.Contains("Plotly.newPlot", page);
        Assert.Equal(3, page.Split("</script>").Length);              // plotly.js and the figure: nothing inside ends a script early
    }
}
