using static TorchSharp.torch;

namespace Depth.Data;

/// <summary>The two input transforms the lessons apply before an MLP: flatten images to vectors,
/// and standardise with statistics taken from the training set.</summary>
public static class DatasetTransforms
{
    /// <summary>Inputs [N, …] reshaped to [N, features] (e.g. [N, 1, 28, 28] → [N, 784]); targets
    /// and class names unchanged.</summary>
    public static Dataset Flattened(this Dataset data, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var flat = data.Inputs.reshape(data.Count, -1);                  // [N, features]
        return new Dataset(name ?? data.Name, flat, data.Targets, data.ClassNames);
    }

    /// <summary>Inputs standardised as (x − mean) / std, with the statistics given (take them from
    /// the training set with <see cref="InputMoments"/> and apply the same ones to the test
    /// set).</summary>
    public static Dataset Standardised(this Dataset data, double mean, double std,
                                       string? name = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!(std > 0))
            throw new ArgumentOutOfRangeException(nameof(std), std, "std must be positive.");
        var standard = (data.Inputs - mean) / std;
        return new Dataset(name ?? data.Name, standard, data.Targets, data.ClassNames);
    }

    /// <summary>Mean and (unbiased) standard deviation over every input value, in float32 as the
    /// inputs.</summary>
    public static (double Mean, double Std) InputMoments(this Dataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        return (data.Inputs.mean().item<float>(), data.Inputs.std().item<float>());
    }
}
