using static TorchSharp.torch;

namespace Depth;

/// <summary>Input standardisation with statistics taken from the training set (flattening images
/// for an MLP is <see cref="Dataset.Flatten"/>).</summary>
public static class DatasetTransforms
{
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
