using TorchSharp;
using Depth;
using static TorchSharp.torch;

namespace Depth.Tests;

/// <summary>The experiment machinery lessons 04–06 call: spreads, probes at initialisation, loss
/// curves, the trainability grid, theory-vs-measurement and Jacobian spectra.</summary>
public class LessonExperimentTests
{
    static (Tensor X, Tensor Y) Batch(int n, int features, long seed, ScalarType dtype)
    {
        using var g = Initialisers.Seeded(seed);
        var x = randn(new long[] { n, features }, generator: g).to(dtype);
        var y = randint(0, 10, new long[] { n }, generator: g);
        return (x, y);
    }

    [Fact]
    public void SpreadMeasuresRatioOrdersAndLogStd()
    {
        Assert.Equal(100, Spread.Ratio([2, 200, 20]), 1e-12);
        Assert.Equal(2, Spread.Orders([2, 200, 20]), 1e-12);
        Assert.Equal(0, Spread.LogStd([3, 3, 3]), 1e-12);
        // log10 values 0 and 2: mean 1, population std 1.
        Assert.Equal(1, Spread.LogStd([1, 100]), 1e-12);
        // a zero is floored at 1e-30 rather than −∞: log10 values −30 and 0 → std 15.
        Assert.Equal(15, Spread.LogStd([0, 1]), 1e-9);
        Assert.Throws<ArgumentException>(() => Spread.Ratio([]));
    }

    [Fact]
    public void PreActivationSaturationThresholdsMatchSlopeOfOnePercent()
    {
        var tanh = SaturationRule.OnPreActivation(Activation.Tanh);
        Assert.Equal(0.99, Math.Tanh(tanh.High), 1e-12);
        Assert.Equal(-tanh.High, tanh.Low);
        var sigmoid = SaturationRule.OnPreActivation(Activation.Sigmoid);
        Assert.Equal(0.99, 1 / (1 + Math.Exp(-sigmoid.High)), 1e-12);
        Assert.True(double.IsInfinity(SaturationRule.OnPreActivation(Activation.ReLU).High));
    }

    [Fact]
    public void IndexedNormsAreSortedByLayerNumberWithoutTheReadOut()
    {
        var g = new LayerGradientNorms(["output", "layers.10", "layers.2", "layers.9"],
            [7, 10, 2, 9]);
        Assert.Equal([2.0, 9.0, 10.0], g.Indexed("layers."));
    }

    [Fact]
    public void InitProbeMatchesAHandWrittenBackwardPass()
    {
        var (x, y) = Batch(32, 20, 1, ScalarType.Float64);
        var xavier = InitScheme.XavierNormal();
        var probe = InitProbe.Measure(Activation.Tanh, "Xavier", xavier, 16, 6, x, y, 3);

        using var model = new Mlp(20, 16, 6, 10, Activation.Tanh, seed: 3);
        model.InitialisedWith(InitScheme.XavierNormal(), 3);
        model.to(ScalarType.Float64);
        var loss = nn.functional.cross_entropy(model.call(x), y);
        loss.backward();
        Assert.Equal(loss.item<double>(), probe.Loss, 1e-12);
        Assert.Equal(6, probe.GradNorms.Length);
        for (int l = 0; l < 6; l++)
        {
            double expected = model.Layers[l].weight!.grad!.norm().item<double>();
            Assert.Equal(expected, probe.GradNorms[l], 1e-9);
        }
        var z0 = model.Layers[0].call(x);
        Assert.Equal(z0.std(unbiased: false).item<double>(), probe.Stds[0], 1e-9);
        Assert.Equal(6, probe.Saturated.Length);
        Assert.Equal("Tanh · Xavier", probe.Label);
        var x32 = x.to(ScalarType.Float32);
        double loss32 = InitProbe.LossAtInit(Activation.Tanh, xavier, 16, 6, x32, y, 3);
        Assert.Equal(probe.Loss, loss32, 1e-4);
    }

    [Fact]
    public void NaiveTanhSaturatesAndXavierDoesNot()
    {
        var (x, y) = Batch(64, 64, 2, ScalarType.Float64);
        var grid = InitProbeGrid.Measure([Activation.Tanh],
            [("naive", InitScheme.Naive), ("Xavier", InitScheme.XavierNormal())], 64, 8, x, y, 1);
        Assert.Equal(2, grid.Count);
        Assert.True(grid[Activation.Tanh, "naive"].Saturated.Min() > 0.5);
        Assert.True(grid[Activation.Tanh, "Xavier"].Saturated.Max() < 0.05);
        Assert.Throws<KeyNotFoundException>(() => grid[Activation.ReLU, "naive"]);
        var series = grid.Series(p => p.Stds, (Activation.Tanh, "Xavier")).Single();
        Assert.Equal("Tanh · Xavier", series.Name);
        Assert.Equal(2, InitProbe.Summary(grid).Rows.Count);
    }

    [Fact]
    public void MeasuredGainIsNSigmaSquared()
    {
        Assert.Equal(256, MeasuredGain.Of(InitScheme.Naive, 256, 1), 256 * 0.05);
        Assert.Equal(1, MeasuredGain.Of(InitScheme.XavierNormal(), 256, 1), 0.05);
        Assert.Equal(2, MeasuredGain.Of(InitScheme.KaimingNormal(), 256, 1), 0.1);
    }

    [Fact]
    public void StepLossCurvesAreTrailingMovingAverages()
    {
        var run = new History { Name = "r", Steps = [.. new[] { 1.0, 3, 5, 7 }.Select((l, i) =>
            new StepRecord(i + 1, 1, l, 0.1, 1))], Epochs = [new(1, 4, 4, 0.5, 4, 0.5, 1)] };
        var figure = Charts.LearningCurves([run, run], Metric.StepLoss, smooth: 2);
        Assert.Equal([1.0, 2.0, 4.0, 6.0], figure.Traces[0].Y!);
        Assert.Equal([1.0, 2.0, 3.0, 4.0], figure.Traces[0].X!);
        Assert.Equal(2, figure.Traces.Count);
        Assert.Equal(7, run.LargestLoss);
        Assert.Equal(0.5, run.AccuracyOr(0.1));
        run.Diverged = true;
        Assert.Equal(0.1, run.AccuracyOr(0.1));
    }

    [Fact]
    public void MlpBenchRecordsEveryStepAndMarksDivergence()
    {
        using var train = Synthetic.TeacherStudent(256, 10, seed: 1, classes: 3);
        var options = new TrainerOptions
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.05, BatchSize = 32, Epochs = 2,
            Seed = 1, RecordSteps = false,
        };
        var bench = new MlpBench(train, train, 16, 3, options, seed: 1);
        var same = bench.Train("same", Activation.ReLU, InitScheme.KaimingNormal());
        Assert.Equal(16, same.Losses.Count);                     // 2 epochs × 256 / 32
        Assert.False(same.Diverged);
        Assert.InRange(same.TestAccuracy, 0, 1);
        Assert.Equal("same", same.Name);
        var again = bench.Train("same", Activation.ReLU, InitScheme.KaimingNormal());
        Assert.Equal(same.Losses, again.Losses);
        var blown = bench.Train("naive ReLU", Activation.ReLU, InitScheme.Naive, learningRate: 10);
        Assert.True(blown.Diverged);
        Assert.Equal(blown.StepCount, blown.Losses.Count);   // the steps before the diverging one
        Assert.StartsWith("diverged at step", blown.StopReason);
    }

    [Fact]
    public void ExperimentTrainsReportsAndDisposes()
    {
        using var train = Synthetic.TeacherStudent(128, 10, seed: 2, classes: 2);
        var model = new Mlp(10, 8, 2, 2, seed: 1);
        var log = new StringWriter();
        var history = Experiment.Train("tiny", model, train, null,
            new TrainerOptions { Epochs = 2, BatchSize = 32, Seed = 1, RecordSteps = false }, log);
        Assert.Equal(2, history.Epochs.Count);
        Assert.Equal("tiny", history.Name);
        Assert.Equal(1 - history.Last.TrainAccuracy, history.FinalTrainError);
        Assert.StartsWith($"tiny: training error {history.FinalTrainError:P1} after 2 epochs",
            log.ToString());
        Assert.Throws<InvalidOperationException>(() => model.Layers[0].weight!.sum().item<float>());
    }

    [Fact]
    public void FlattenedAndStandardisedDataHasUnitMoments()
    {
        using var g = Initialisers.Seeded(5);
        var pixels = rand(new long[] { 50, 1, 4, 4 }, generator: g) * 3 + 2;
        using var images = new Dataset("img", pixels, zeros(50, ScalarType.Int64));
        var flat = images.Flatten();
        Assert.Equal([50L, 16L], flat.Inputs.shape);
        var (mean, std) = flat.InputMoments();
        var standard = flat.Standardised(mean, std, "std");
        Assert.Equal(0, standard.Inputs.mean().item<float>(), 1e-5);
        Assert.Equal(1, standard.Inputs.std().item<float>(), 1e-5);
        Assert.Equal("std", standard.Name);
        Assert.Throws<ArgumentOutOfRangeException>(() => flat.Standardised(0, 0));
    }

    [Fact]
    public void PropagationComparisonAveragesSampledNetworks()
    {
        var theory = new MeanField(Nonlinearity.Tanh, 40);
        var cmp = PropagationComparison.Run(theory, TensorActivation.Tanh, 1.5, 0.05, 64, 5, 2, 1,
            q0: 1.0, c0: 0.5, pairs: 4);
        var tanh = TensorActivation.Tanh;
        var first = SignalPropagation.Sample(tanh, 64, 5, 1.5, 0.05, 1.0, 0.5, 4, seed: 1000);
        var second = SignalPropagation.Sample(tanh, 64, 5, 1.5, 0.05, 1.0, 0.5, 4, seed: 1010);
        Assert.Equal((first.C[3] + second.C[3]) / 2, cmp.MeasuredC[3], 1e-12);
        Assert.Equal((first.Q[5] + second.Q[5]) / 2, cmp.MeasuredQ[5], 1e-12);
        double worst = cmp.Theory.C.Zip(cmp.MeasuredC, (a, b) => Math.Abs(a - b)).Max();
        Assert.Equal(worst, cmp.WorstCorrelationError);
        Assert.Equal(6, cmp.CorrelationCase.X.Count);
    }

    [Fact]
    public void OrthogonalLinearNetworkIsAnExactIsometry()
    {
        // φ(x) = x with orthogonal weights at σ_w² = 1: J is a product of orthogonal matrices
        // (Saxe et al. 2014).
        var s = JacobianSpectrum.AtInit(TensorActivation.Identity, 1.0, 0.0, 1.0, true, 12, 10, 1);
        Assert.Equal(12, s.Length);
        Assert.All(s, v => Assert.Equal(1, v, 1e-5));
        var gaussian =
            JacobianSpectrum.AtInit(TensorActivation.Identity, 1.0, 0.0, 1.0, false, 12, 10, 1);
        Assert.True(Spread.LogStd(gaussian) > 0.3);
    }

    [Fact]
    public void TrainabilityGridFillsEveryCellInDepthMajorOrder()
    {
        using var train = Synthetic.TeacherStudent(128, 10, seed: 3, classes: 3);
        var options = new TrainerOptions
        {
            Optimizer = OptimizerKind.Sgd, LearningRate = 0.01, BatchSize = 32, Epochs = 100,
            MaxSteps = 3, Seed = 1, RecordSteps = false, ProgressEvery = 0,
        };
        var log = new StringWriter();
        var grid = TrainabilityGrid.Measure([2, 4], [1.0, 2.0, 3.0], 0.05, 8, train, train, options,
            log: log);
        Assert.Equal(2, grid.Accuracy.Length);
        Assert.All(grid.Accuracy, row => Assert.Equal(3, row.Length));
        Assert.Equal(2, log.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var theory = new MeanField(Nonlinearity.Tanh, 40);
        var cells = grid.Cells(theory, 0.05).ToArray();
        Assert.Equal(6, cells.Length);
        Assert.Equal((4, theory.Analyse(2.0, 0.05).TrainableDepth, grid.Accuracy[1][1]), cells[4]);
    }
}
