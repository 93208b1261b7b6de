using Depth;
using static TorchSharp.torch;

namespace Depth.Tests;

public class DiagnosticsReceptiveFieldTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    public void StackedThreeByThreeConvolutionsSeeASquareOfSideTwoLPlusOne(int layers)
    {
        using var g = new Generator(7);
        var image = randn([1, 1, 28, 28], dtype: ScalarType.Float64, generator: g);
        var (inputs, gradient) = ReceptiveField.Measure(ReceptiveField.ConvStack(layers), image,
            y => y[0, 0, 14, 14]);
        int side = 2 * layers + 1;
        Assert.Equal(side * side, inputs);
        // The nonzero gradients form the square centred on the output, nothing outside it.
        var nonzero = gradient[0, 0].ne(0);
        var inside = TensorIndex.Slice(14 - layers, 15 + layers);
        var square = nonzero[inside, inside];
        Assert.Equal(side * side, square.sum().item<long>());
        Assert.Equal(new long[] { 1, 1, 28, 28 }, gradient.shape);
    }

    [Fact]
    public void EachFiveByFiveLayerWidensTheSideByFour()
    {
        using var g = new Generator(9);
        var image = randn([1, 1, 28, 28], dtype: ScalarType.Float64, generator: g);
        var (inputs, _) = ReceptiveField.Measure(ReceptiveField.ConvStack(3, kernelSize: 5), image,
            y => y[0, 0, 14, 14]);
        Assert.Equal(13 * 13, inputs);
    }

    [Fact]
    public void ADenseOutputDependsOnEveryInput()
    {
        var dense = nn.Sequential(nn.Flatten(), nn.Linear(3 * 8 * 8, 5, dtype: ScalarType.Float64));
        using var g = new Generator(8);
        var x = randn([1, 3, 8, 8], dtype: ScalarType.Float64, generator: g);
        var (inputs, _) = ReceptiveField.Measure(dense, x, y => y[0, 2]);
        Assert.Equal(3 * 8 * 8, inputs);
    }

    [Fact]
    public void PickingMoreThanOneOutputIsRefused()
    {
        var image = zeros(1, 1, 6, 6, dtype: ScalarType.Float64);
        var ex = Assert.Throws<ArgumentException>(
            () => ReceptiveField.Measure(ReceptiveField.ConvStack(1), image, y => y[0, 0]));
        Assert.Contains("one output", ex.Message);
    }
}
