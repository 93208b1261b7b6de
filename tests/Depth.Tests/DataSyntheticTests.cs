using Depth;

namespace Depth.Tests;

public class DataSyntheticTests
{
    [Fact]
    public void SawtoothHasTwoToTheKTeeth()
    {
        for (int k = 0; k <= 5; k++)
        {
            using var d = Synthetic.Sawtooth(k, 4097);
            var y = d.Targets.data<float>().ToArray();
            int peaks = Enumerable.Range(1, y.Length - 2).Count(i => y[i] > y[i - 1] && y[i] >= y[i + 1] && y[i] > 0.99f);
            Assert.Equal(1 << k, peaks);
        }
        Assert.Equal(1.0, Synthetic.SawtoothValue(0.25, 1), 12);
        Assert.Equal(0.0, Synthetic.SawtoothValue(0.5, 1), 12);
    }

    [Fact]
    public void TwoSpiralsAreBalancedSeededAndInTheUnitDisc()
    {
        using var a = Synthetic.TwoSpirals(400, seed: 1);
        using var b = Synthetic.TwoSpirals(400, seed: 1);
        using var c = Synthetic.TwoSpirals(400, seed: 2);
        Assert.Equal(new long[] { 400, 2 }, a.Inputs.shape);
        Assert.Equal([200, 200], a.ClassCounts());
        Assert.True(a.Inputs.allclose(b.Inputs, 0, 0));
        Assert.False(a.Inputs.allclose(c.Inputs, 0, 0));
        Assert.True(a.Inputs.norm(1, keepdim: false, p: 2).max().item<float>() < 1.1f);
    }

    [Fact]
    public void TeacherStudentSharesTheTeacherAcrossSplits()
    {
        using var a = Synthetic.TeacherStudent(1000, 10, seed: 1, teacherSeed: 7);
        using var b = Synthetic.TeacherStudent(1000, 10, seed: 1, teacherSeed: 7);
        using var other = Synthetic.TeacherStudent(1000, 10, seed: 1, teacherSeed: 8);
        Assert.Equal(a.TargetsAsLabels(), b.TargetsAsLabels());
        Assert.NotEqual(a.TargetsAsLabels(), other.TargetsAsLabels());
        Assert.All(a.ClassCounts(), n => Assert.InRange(n, 100, 900));   // the teacher uses both classes
    }

    [Fact]
    public void ShuffledBatchesCoverEveryExampleOnceAndDependOnTheSeed()
    {
        using var d = Synthetic.Sawtooth(2, 100);
        using var scope = TorchSharp.torch.NewDisposeScope();
        var seen = Batches.Shuffled(d, 32, seed: 3).SelectMany(b => b.Inputs.data<float>().ToArray()).ToArray();
        Assert.Equal(100, seen.Length);
        Assert.Equal(d.Inputs.data<float>().ToArray().Order(), seen.Order());
        var again = Batches.Shuffled(d, 32, seed: 3).SelectMany(b => b.Inputs.data<float>().ToArray());
        var other = Batches.Shuffled(d, 32, seed: 4).SelectMany(b => b.Inputs.data<float>().ToArray());
        Assert.Equal(seen, again);
        Assert.NotEqual(seen, other);
        Assert.Equal([32, 32, 32, 4], Batches.Shuffled(d, 32, seed: 3).Select(b => (int)b.Inputs.shape[0]));
        Assert.Equal(3, Batches.Shuffled(d, 32, seed: 3, dropLast: true).Count());
    }
}
