using Depth;

namespace Depth.Tests;

/// <summary>Identified claims: the printed line carries the id and a parseable ⟨bounds⟩ suffix; margins are relative.
/// </summary>
[Collection("Claims")]
public class NotebookClaimIdTests
{
    [Fact]
    public void IdentifiedClaimPrintsIdAndBounds()
    {
        var output = new StringWriter();
        Claim.Output = output;
        var r = Claim.All("04.relu-he", "deep nets learn", "54 %",
            Bound.Above("ReLU·He accuracy", 0.54, 0.35), Bound.Below("loss", 0.8, 1.6));
        Claim.Output = null;
        Assert.Equal("✓ [04.relu-he] deep nets learn (54 %) ⟨ReLU·He accuracy 0.54 > 0.35; loss 0.8 < 1.6⟩",
            output.ToString().TrimEnd());
        Assert.Equal(0.5, r.Margin!.Value, 12);   // min((0.54 − 0.35)/0.35, (1.6 − 0.8)/1.6) = min(0.543, 0.5)
    }

    [Fact]
    public void NearBoundsMeasureTheDistanceToTheExpectedValue()
    {
        var near = Bound.Near("χ₁", 1.0000002, 1.0, 1e-6);
        Assert.True(near.Holds);
        Assert.Equal("|χ₁ − 1| 2E-07 < 1E-06", near.ToString());
        Assert.False(Bound.Near("ratio", 13.6, 13, 0.5).Holds);
    }

    [Fact]
    public void FailingIdentifiedClaimThrowsWithId()
    {
        var output = new StringWriter();
        Claim.Output = output;
        var e = Assert.Throws<ClaimFailedException>(() => Claim.All("03.fits", "fits", null, Bound.Above("value", 0.948, 0.95)));
        Claim.Output = null;
        Assert.Equal("03.fits", e.Id);
        Assert.StartsWith("[03.fits] fits", e.Message);
        Assert.Equal("✗ [03.fits] fits ⟨value 0.948 > 0.95⟩", output.ToString().TrimEnd());
    }

    [Fact]
    public void MarginIsRelativeToTheThresholdAndNaNFails()
    {
        Assert.Equal(-0.5, Bound.Below("x", 3, 2).Margin, 12);
        Assert.Equal(0.25, Bound.Below("x", -0.25, 0).Margin, 12);   // threshold 0: plain difference
        Assert.False(Bound.Above("x", double.NaN, 0.1).Holds);
        Assert.Equal(double.NegativeInfinity, new ClaimResult(false, "s", null, "05.x", [Bound.Above("x", double.NaN, 1)]).Margin);
    }

    [Theory]
    [InlineData("relu-he")]
    [InlineData("4.relu")]
    [InlineData("04.ReLU")]
    [InlineData("04.relu he")]
    public void MalformedIdIsRefused(string id)
    {
        var e = Assert.Throws<ArgumentException>(() => Claim.That(id, true, "s"));
        Assert.Contains("04.relu-he", e.Message);
    }
}
