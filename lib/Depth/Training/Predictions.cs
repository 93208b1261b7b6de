using static TorchSharp.torch;

namespace Depth;

/// <summary>A model's outputs as plain numbers, for charts.</summary>
public static class Predictions
{
    /// <summary>
    /// f(inputs) without autograd, flattened to doubles in row-major order: e.g. a regression net
    /// [N, 1] → N values to draw against its inputs. The model is left in whatever mode
    /// (train/eval) it is in.
    /// </summary>
    public static double[] Of(nn.Module<Tensor, Tensor> model, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(inputs);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        return model.call(inputs).reshape(-1).to(ScalarType.Float64).data<double>().ToArray();
    }
}
