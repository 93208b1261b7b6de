using Depth.Notebooks.Formatting;

namespace Depth.Notebooks.Tests;

public record Row(string Name, double Value);

/// <summary>A type formatted by the convention alone (an attribute with the kernel's name, in another namespace).</summary>
[Convention.TypeFormatterSource(typeof(VerdictFormatterSource))]
public sealed class Verdict(bool pass, string statement)
{
    public bool Pass { get; } = pass;
    public string Statement { get; } = statement;
}

public sealed class VerdictFormatterSource
{
    public IEnumerable<object> CreateTypeFormatters() => [new VerdictFormatter("text/html"), new VerdictFormatter("text/plain")];
}

public sealed class VerdictFormatter(string mimeType)
{
    public Type Type => typeof(Verdict);
    public string MimeType { get; } = mimeType;

    public bool Format(object instance, TextWriter writer)
    {
        var v = (Verdict)instance;
        writer.Write(MimeType == "text/html"
            ? $"<div class=\"claim {(v.Pass ? "pass" : "fail")}\">{Html.Escape(v.Statement)}</div>"
            : $"{(v.Pass ? "✓" : "✗")} {v.Statement}");
        return true;
    }
}

public class FormattingTests
{
    [Fact]
    public void PlainValuesAreTextPlainInInvariantCulture()
    {
        Assert.Equal(new Dictionary<string, string> { ["text/plain"] = "1.5" }, OutputFormatter.Format(1.5));
        Assert.Equal("<null>", OutputFormatter.Format(null)["text/plain"]);
        Assert.Equal("[1, 2, 3]", OutputFormatter.Format(new[] { 1, 2, 3 })["text/plain"]);
        Assert.Equal("<b>not html</b>", Assert.Single(OutputFormatter.Format("<b>not html</b>")).Value);
    }

    [Fact]
    public void SequencesOfRecordsBecomeEscapedHtmlTables()
    {
        var data = OutputFormatter.Format(new List<Row> { new("<script>", 1), new("a&b", 2.5) });
        Assert.Equal("<table><thead><tr><th>Name</th><th>Value</th></tr></thead><tbody><tr><td>&lt;script&gt;</td><td>1</td></tr><tr><td>a&amp;b</td><td>2.5</td></tr></tbody></table>", data["text/html"]);
        Assert.Contains("a&b", data["text/plain"]);
    }

    [Fact]
    public void ConventionFormattersAreFoundByAttributeName()
    {
        var data = OutputFormatter.Format(new Verdict(false, "deeper < better"));
        Assert.Equal("<div class=\"claim fail\">deeper &lt; better</div>", data["text/html"]);
        Assert.Equal("✗ deeper < better", data["text/plain"]);
    }

    [Fact]
    public void DisplayCanRestrictMimeTypesAndRejectsUnavailableOnes()
    {
        Assert.Equal(["text/html"], OutputFormatter.Format(new Verdict(true, "x"), ["text/html"]).Keys);
        Assert.Throws<ArgumentException>(() => OutputFormatter.Format(3, ["text/html"]));
    }

    [Fact]
    public void ChartsBecomeHtmlWithoutANetworkReference()
    {
        var chart = Plotly.NET.CSharp.Chart.Point<double, double, string>(x: new[] { 1.0, 2.0 }, y: new[] { 3.0, 4.0 });
        var data = OutputFormatter.Format(chart);
        Assert.Contains("Plotly.newPlot", data["text/html"]);
        Assert.DoesNotContain("<script src", data["text/html"]);
        Assert.DoesNotContain("cdn", data["text/html"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal(chart.GetType().FullName, data["text/plain"]);
        Assert.IsAssignableFrom<Plotly.NET.GenericChart>(chart);
    }

    [Fact]
    public void TensorsUseTorchSharpsOwnFormatters()
    {
        using var t = TorchSharp.torch.ones(2, 2);
        var data = OutputFormatter.Format(t);
        Assert.StartsWith("<div><pre>", data["text/html"]);
        Assert.NotEqual(t.ToString(), data["text/plain"]);
    }

    [Fact]
    public void HtmlContentIsPassedThroughAndEscapeCoversQuotes()
    {
        Assert.Equal("<b>x</b>", OutputFormatter.Format(Microsoft.DotNet.Interactive.Kernel.HTML("<b>x</b>"))["text/html"]);
        Assert.Equal("&lt;a href=&quot;x&quot;&gt;&#39;&amp;", Html.Escape("<a href=\"x\">'&"));
    }
}
