using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>Input–output Jacobian J = ∂f(x)/∂x of a network at a point, and its singular values.</summary>
/// <remarks>
/// Dynamical isometry (Saxe et al. 2014; Pennington, Schoenholz and Ganguli 2017, "Resurrecting the sigmoid in deep
/// learning through dynamical isometry") means all singular values of J are close to 1.
/// </remarks>
public static class Jacobian
{
    /// <summary>
    /// J [m, n] (float64) of <paramref name="model"/> at the single input <paramref name="x"/> [n], by one batched
    /// backward pass: the input is repeated m times and back-propagated with the identity as output gradient, so
    /// row i of the input gradient is ∂f_i/∂x. The model must treat batch rows independently (eval-mode
    /// batch-norm is fine, train-mode is not).
    /// </summary>
    public static Tensor Compute(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(x);
        if (x.dim() != 1) throw new ArgumentException($"Jacobian.Compute expects a single input vector [n]; got shape [{string.Join(", ", x.shape)}].", nameof(x));
        using var scope = NewDisposeScope();
        long m;
        using (no_grad()) m = model.call(x.unsqueeze(0)).reshape(1, -1).shape[1];
        var batch = x.detach().unsqueeze(0).expand(m, x.shape[0]).clone().requires_grad_(true); // [m, n]
        var y = model.call(batch).reshape(m, -1);                                              // [m, m]
        var rows = torch.autograd.grad([y], [batch], [eye(m, dtype: y.dtype)])[0];              // [m, n]
        return rows.detach().to(ScalarType.Float64).MoveToOuterDisposeScope();
    }

    /// <summary>Singular values of J (descending), via torch.linalg.svdvals in float64.</summary>
    public static double[] SingularValues(nn.Module<Tensor, Tensor> model, Tensor x)
    {
        using var scope = NewDisposeScope();
        return linalg.svdvals(Compute(model, x)).data<double>().ToArray();
    }

    /// <summary>
    /// J of the multilayer perceptron hˡ = W_l xˡ⁻¹ + b_l, xˡ = φ(hˡ) (φ after every layer) at x⁰ = <paramref name="x"/>,
    /// as the analytic product J = D_L W_L ⋯ D_1 W_1, D_l = diag φ'(hˡ), accumulated in float64. Cheaper than
    /// autograd for deep narrow nets: one [n × n] matrix product per layer.
    /// </summary>
    public static Tensor Product(IReadOnlyList<Linear> layers, TensorActivation activation, Tensor x)
    {
        ArgumentNullException.ThrowIfNull(layers);
        ArgumentNullException.ThrowIfNull(activation);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var h = x.detach().to(ScalarType.Float64).reshape(-1);   // [n]
        var j = eye(h.shape[0], dtype: ScalarType.Float64);       // [n, n]
        foreach (var layer in layers)
        {
            using var step = NewDisposeScope();
            var w = layer.weight.detach().to(ScalarType.Float64); // [out, in]
            var pre = w.matmul(h);
            if (layer.bias is not null) pre = pre + layer.bias.detach().to(ScalarType.Float64);
            var nextJ = activation.Derivative(pre).unsqueeze(1).mul(w.matmul(j)).MoveToOuterDisposeScope();
            var nextH = activation.Function(pre).MoveToOuterDisposeScope();
            j.Dispose(); h.Dispose();               // keep memory flat over thousands of layers
            j = nextJ; h = nextH;
        }
        return j.MoveToOuterDisposeScope();
    }

    /// <summary>Singular values (descending) of the analytic product <see cref="Product"/>.</summary>
    public static double[] ProductSingularValues(IReadOnlyList<Linear> layers, TensorActivation activation, Tensor x)
    {
        using var scope = NewDisposeScope();
        return linalg.svdvals(Product(layers, activation, x)).data<double>().ToArray();
    }
}
