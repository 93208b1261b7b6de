using Depth;

namespace Depth.Tests;

public class DiagnosticsCorrelationThroughDepthTests
{
    [Fact]
    public void TheoryAndTheMeanOfTheSampledNetworksAtTheRecordedLayers()
    {
        var theory = new MeanField(Nonlinearity.Tanh, 40);
        var point = new MeanField(Nonlinearity.Tanh).CriticalPoint(2e-5);
        const int depth = 251, width = 8, pairs = 4;
        var study = CorrelationThroughDepth.Run(theory, TensorActivation.Tanh, point, width,
            depth, 0.5,
            networks: 2, pairs, seed: 3);

        // every 2nd and the last
        Assert.Equal(Enumerable.Range(0, 126).Select(k => 2 * k).Append(251), study.Layers);
        var (sw2, sb2) = (point.WeightVariance, point.BiasVariance);
        var c = theory.Propagate(point.QStar, 0.5, sw2, sb2, depth).C;
        Assert.Equal(study.Layers.Select(l => c[l]), study.Theory);
        var a = SignalPropagation.Sample(TensorActivation.Tanh, width, depth, point.WeightVariance,
            point.BiasVariance, point.QStar, 0.5, pairs, 3, orthogonal: true, recordEvery: 2).C;
        var b = SignalPropagation.Sample(TensorActivation.Tanh, width, depth, point.WeightVariance,
            point.BiasVariance, point.QStar, 0.5, pairs, 13, orthogonal: true, recordEvery: 2).C;
        for (int i = 0; i < study.Layers.Length; i++)
        {
            int l = study.Layers[i];
            Assert.Equal((a[l] + b[l]) / 2, study.Sampled[i], 12);
        }
        Assert.Equal(c[depth], study.FinalTheory);
        Assert.Equal(study.Theory.Zip(study.Sampled, (t, s) => Math.Abs(t - s)).Max(),
            study.MaxGap);
        Assert.Equal(0.5, study.Sampled[0], 6);          // the pairs are drawn with correlation 0.5
    }

    [Fact]
    public void BadSizesAreRefused()
    {
        var theory = new MeanField(Nonlinearity.Tanh, 20);
        var point = new MeanField(Nonlinearity.Tanh).CriticalPoint(1e-3);
        Assert.Throws<ArgumentOutOfRangeException>(() => CorrelationThroughDepth.Run(theory,
            TensorActivation.Tanh, point, 4, 0, 0.5, 1, 2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CorrelationThroughDepth.Run(theory,
            TensorActivation.Tanh, point, 4, 10, 0.5, 0, 2, 1));
    }
}
