using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// A linear probe: how much class information a layer's features still carry, measured as the held-out accuracy of
/// the best linear read-out fitted to them (G. Alain, Y. Bengio 2016, "Understanding intermediate layers using linear
/// classifier probes", arXiv:1610.01644). Applied to a network at initialisation it asks whether the input's
/// information survives the trip through the layers, before any training.
/// </summary>
/// <remarks>
/// The read-out is ridge regression onto one-hot targets, solved in closed form in float64:
/// W = (H̃ᵀH̃ + λI)⁻¹ H̃ᵀ(Y − Ȳ) with H̃ = H − H̄ (features centred on the training mean, which plays the bias) and
/// λ = <c>ridge</c> · tr(H̃ᵀH̃)/d. Because λ scales with the features, the accuracy does not depend on their overall
/// size: features of size 10⁻³ probe exactly as well as the same features times 1000. The prediction is argmax of
/// (h − H̄) W. A closed form instead of a trained softmax keeps the probe fast (one d×d solve) and deterministic.
/// </remarks>
public static partial class LinearProbe
{
    /// <summary>
    /// Fits the probe on (<paramref name="trainFeatures"/> [N, d], <paramref name="trainLabels"/> [N]) and returns its
    /// accuracy on (<paramref name="testFeatures"/> [M, d], <paramref name="testLabels"/> [M]); labels are 0 … classes−1.
    /// </summary>
    /// <param name="trainFeatures">Features the read-out is fitted to, [N, d] (any float type; extra dimensions are flattened).</param>
    /// <param name="trainLabels">Class index of each training row, [N].</param>
    /// <param name="testFeatures">Held-out features, [M, d].</param>
    /// <param name="testLabels">Class index of each held-out row, [M].</param>
    /// <param name="classes">Number of classes.</param>
    /// <param name="ridge">Ridge strength relative to the mean feature variance (default 10⁻⁴: barely regularised).</param>
    /// <exception cref="ArgumentException">Shapes do not match, or a set is empty.</exception>
    public static double Accuracy(Tensor trainFeatures, Tensor trainLabels, Tensor testFeatures, Tensor testLabels, int classes, double ridge = 1e-4)
    {
        ArgumentNullException.ThrowIfNull(trainFeatures);
        ArgumentNullException.ThrowIfNull(trainLabels);
        ArgumentNullException.ThrowIfNull(testFeatures);
        ArgumentNullException.ThrowIfNull(testLabels);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 2);
        ArgumentOutOfRangeException.ThrowIfNegative(ridge);
        long n = trainFeatures.shape[0], m = testFeatures.shape[0];
        if (n == 0 || m == 0)
            throw new ArgumentException($"The linear probe needs training and test rows (got {n} and {m}).");
        if (trainLabels.numel() != n || testLabels.numel() != m)
            throw new ArgumentException($"Labels do not match the features: {trainLabels.numel()} labels for {n} training rows, {testLabels.numel()} for {m} test rows.");

        using var scope = NewDisposeScope();
        var h = trainFeatures.detach().reshape(n, -1).to(ScalarType.Float64);          // [N, d]
        var t = testFeatures.detach().reshape(m, -1).to(ScalarType.Float64);           // [M, d]
        long d = h.shape[1];
        if (t.shape[1] != d)
            throw new ArgumentException($"Training features have {d} dimensions but test features have {t.shape[1]}.");

        var mean = h.mean([0], keepdim: true);                                            // [1, d]
        var hc = h - mean;
        var y = nn.functional.one_hot(trainLabels.reshape(n).to(ScalarType.Int64), classes).to(ScalarType.Float64); // [N, C]
        var yc = y - y.mean([0], keepdim: true);
        var gram = hc.t().matmul(hc);                                                     // [d, d]
        double lambda = ridge * gram.trace().item<double>() / d;
        if (!(lambda > 0)) lambda = 1.0;   // constant features carry nothing: W = 0, every prediction is class 0
        var w = linalg.solve(gram + eye(d, dtype: ScalarType.Float64) * lambda, hc.t().matmul(yc)); // [d, C]
        var predicted = (t - mean).matmul(w).argmax(1);                                  // [M]
        long correct = predicted.eq(testLabels.reshape(m).to(ScalarType.Int64)).sum().item<long>();
        return (double)correct / m;
    }
}
