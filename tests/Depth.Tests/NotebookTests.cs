using System.Reflection;
using Depth;

namespace Depth.Tests;

/// <summary>Claims, tables and the convention-based formatters, exercised the way the kernel and the engine find them.</summary>
[Collection("Claims")]
public class NotebookTests
{
    /// <summary>Formats <paramref name="value"/> as the .NET Interactive convention does: the attribute named
    /// TypeFormatterSourceAttribute, its FormatterSourceType, CreateTypeFormatters(), MimeType and Format.</summary>
    internal static string? Format(object value, string mime)
    {
        var attr = value.GetType().GetCustomAttributes(true).FirstOrDefault(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        if (attr is null) return null;
        var sourceType = (Type)attr.GetType().GetProperty("FormatterSourceType")!.GetValue(attr)!;
        var source = Activator.CreateInstance(sourceType, nonPublic: true)!;
        var formatters = (IEnumerable<object>)sourceType.GetMethod("CreateTypeFormatters")!.Invoke(source, null)!;
        foreach (var f in formatters)
        {
            if ((string)f.GetType().GetProperty("MimeType")!.GetValue(f)! != mime) continue;
            var w = new StringWriter();
            if ((bool)f.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!.Invoke(f, [value, w])!) return w.ToString();
        }
        return null;
    }

    /// <summary>The attribute's PreferredMimeTypes: the MIME types the kernel formats a value as, in order.</summary>
    internal static string[] PreferredMimeTypes(object value)
    {
        var attr = value.GetType().GetCustomAttributes(true).First(a => a.GetType().Name == "TypeFormatterSourceAttribute");
        return (string[]?)attr.GetType().GetProperty("PreferredMimeTypes")!.GetValue(attr) ?? [];
    }

    [Fact]
    public void AClaimIsAlsoDataForTheEngineWithThePrintedLineInIt()
    {
        var result = new ClaimResult(false, "deep nets train", "loss 2.3", "04.deep-train",
            [Bound.Below("loss", 2.3, 2.0), Bound.Above("accuracy", double.NaN, 0.5)]);
        var record = new ClaimRecord(result);
        Assert.Equal(["application/vnd.depth.claim+json", "text/plain"], PreferredMimeTypes(record));
        Assert.Equal("", Format(record, "text/plain"));
        var json = System.Text.Json.Nodes.JsonNode.Parse(Format(record, "application/vnd.depth.claim+json")!)!;
        Assert.Equal("04.deep-train", (string?)json["id"]);
        Assert.False((bool)json["holds"]!);
        Assert.Equal("deep nets train", (string?)json["statement"]);
        Assert.Equal("loss 2.3", (string?)json["detail"]);
        Assert.Equal(result.ToString(), (string?)json["text"]);
        var loss = json["bounds"]![0]!;
        Assert.Equal(("loss", 2.3, "<", 2.0), ((string?)loss["name"], (double)loss["value"]!, (string?)loss["op"], (double)loss["threshold"]!));
        Assert.Equal(-0.15, (double)loss["margin"]!, 12);
        Assert.Equal("NaN", (string?)json["bounds"]![1]!["value"]);
        // Outside the kernel nothing is displayed: showing a record is a no-op.
        ClaimRecord.Show(result);
    }

    [Fact]
    public void PassingClaimPrintsCheckAndCounts()
    {
        var output = new StringWriter();
        Claim.Output = output;
        int before = Claim.Passed;
        var r = Claim.All("01.accuracy", "accuracy above 85 %", null, Bound.Above("accuracy", 0.87, 0.85));
        Claim.Output = null;
        Assert.True(r.Holds);
        Assert.Equal(before + 1, Claim.Passed);
        Assert.StartsWith("✓ [01.accuracy] accuracy above 85 % ⟨accuracy 0.87 > 0.85⟩", output.ToString());
        Assert.Equal("<div class=\"claim pass\">✓ [01.accuracy] accuracy above 85 % ⟨accuracy 0.87 &gt; 0.85⟩</div>", Format(r, "text/html"));
        Assert.Equal(r.ToString(), Format(r, "text/plain"));
    }

    [Fact]
    public void FailingClaimPrintsCrossThenThrows()
    {
        var output = new StringWriter();
        Claim.Output = output;
        int before = Claim.Failed;
        var e = Assert.Throws<ClaimFailedException>(() => Claim.That("02.slower", false, "deep <net> trains slower", "3 ≥ 2"));
        Claim.Output = null;
        Assert.Equal(before + 1, Claim.Failed);
        Assert.Equal("✗ [02.slower] deep <net> trains slower — 3 ≥ 2", output.ToString().TrimEnd());
        Assert.Equal("[02.slower] deep <net> trains slower — 3 ≥ 2", e.Message);
        var html = new ClaimResult(false, "deep <net> trains slower", "3 ≥ 2").ToHtml();
        Assert.Equal("<div class=\"claim fail\">✗ deep &lt;net&gt; trains slower — 3 ≥ 2</div>", html);
    }

    private sealed record Row(string Layer, long Parameters, double Share);

    [Fact]
    public void TablesEscapeEveryCellAndHistoriesFormatAsTables()
    {
        var table = Table.Of([new Row("<script>alert(1)</script>", 1_234_567, 0.5), new Row("fc & out", 10, double.NaN)]);
        var html = Format(table, "text/html")!;
        Assert.Contains("<th>Layer</th><th>Parameters</th><th>Share</th>", html);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script>", html);
        Assert.Contains("<td>1,234,567</td>", html);
        Assert.Contains("fc &amp; out", html);
        Assert.Contains("<td>—</td>", html);
        var text = Format(table, "text/plain")!;
        Assert.Contains("1,234,567", text);

        var history = new History { Epochs = [new EpochRecord(1, 100, 0.5, 0.8, 0.6, 0.75, 2.5)] };
        var h = Format(history, "text/html")!;
        Assert.Contains("<th>TestAccuracy</th>", h);
        Assert.Contains("<td>0.75</td>", h);
        Assert.StartsWith("1 epochs, 100 steps, completed", Format(history, "text/plain"));
    }
}
