using Depth;
using TorchSharp;
using static TorchSharp.torch;
using static Depth.Tests.InitTestHelpers;

namespace Depth.Tests;

public class InitVarianceTests
{
    const long Out = 512, In = 256;

    [Fact]
    public void FansFollowTorchConventions()
    {
        Assert.Equal((256L, 512L), Fans.Of(empty(Out, In)));
        Assert.Equal((8L * 9, 16L * 9), Fans.Of(empty(16, 8, 3, 3)));
    }

    [Fact]
    public void XavierAndKaimingHitTheirVariances()
    {
        using var g = Initialisers.Seeded(10);
        double glorot = 2.0 / (In + Out), he = 2.0 / In;
        Assert.Equal(1.0, Variance(Initialisers.XavierNormal(empty(Out, In), g)) / glorot, 0.02);
        Assert.Equal(1.0, Variance(Initialisers.XavierUniform(empty(Out, In), g)) / glorot, 0.02);
        Assert.Equal(1.0, Variance(Initialisers.KaimingNormal(empty(Out, In), g)) / he, 0.02);
        Assert.Equal(1.0, Variance(Initialisers.KaimingUniform(empty(Out, In), g)) / he, 0.02);
        Assert.Equal(1.0, Variance(Initialisers.KaimingNormal(empty(Out, In), g, mode: FanMode.FanOut)) / (2.0 / Out), 0.02);
    }

    [Fact]
    public void UniformInitialisersStayInsideTheirLimits()
    {
        using var g = Initialisers.Seeded(11);
        double a = Math.Sqrt(6.0 / (In + Out));
        Assert.True(Initialisers.XavierUniform(empty(Out, In), g).abs().max().item<float>() <= a);
        Assert.True(Initialisers.SmallUniform(empty(Out, In), g).abs().max().item<float>() <= 0.01f);
    }

    [Fact]
    public void NaiveIsStandardNormal()
    {
        using var g = Initialisers.Seeded(12);
        Assert.Equal(1.0, Variance(Initialisers.Naive(empty(Out, In), g)), 0.02);
    }

    [Fact]
    public void CriticalGaussianScalesWithFanInAndSamplesBiases()
    {
        using var g = Initialisers.Seeded(13);
        var w = empty(Out, In); var b = empty(8192);
        Initialisers.Critical(w, b, 1.76, 0.05, g);
        Assert.Equal(1.76, Variance(w) * In, 0.04);
        Assert.Equal(0.05, Variance(b), 0.003);
    }

    [Fact]
    public void CriticalOrthogonalIsOrthogonalWithGainSigmaW()
    {
        using var g = Initialisers.Seeded(14);
        var w = empty(64, 64);
        Initialisers.Critical(w, null, 1.76, 0.05, g, orthogonal: true);
        Assert.True(Distance(w.t().matmul(w), eye(64) * 1.76) < 1e-4);
    }

    [Fact]
    public void ApplyInitialisesEveryLinearAndConvolutionDeterministically()
    {
        nn.Module Build() => nn.Sequential(
            ("conv", nn.Conv2d(3, 8, 3, padding: 1)), ("tanh", nn.Tanh()),
            ("flat", nn.Flatten()), ("fc", nn.Linear(8 * 4 * 4, 10)));
        var a = Build(); var b = Build();
        Assert.Equal(2, InitScheme.Apply(a, InitScheme.DeltaOrthogonal(), 42));
        b.InitialisedWith(InitScheme.DeltaOrthogonal(), 42);
        foreach (var ((name, pa), (_, pb)) in a.named_parameters().Zip(b.named_parameters()))
            Assert.True(Distance(pa, pb) == 0, name);
        Assert.Equal(0.0, Norm(((TorchSharp.Modules.Linear)a.named_children().Last().module).bias!));
    }
}

public class InitApplyRootTests
{
    [Fact]
    public void ApplyOnABareLayerInitialisesThatLayer()
    {
        var fc = nn.Linear(16, 16);
        Assert.Equal(1, InitScheme.Apply(fc, InitScheme.Orthogonal(), 9));
        Assert.True(InitTestHelpers.Distance(fc.weight.t().matmul(fc.weight), eye(16)) < 1e-5);
    }
}
