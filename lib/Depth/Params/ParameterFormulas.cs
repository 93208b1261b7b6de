namespace Depth;

/// <summary>Closed-form parameter, buffer and multiply-add counts of single layers; nothing is
/// allocated.</summary>
public static class ParameterFormulas
{
    /// <summary>Linear layer y = W x + b: in·out weights + out biases.</summary>
    public static long Linear(long inputs, long outputs, bool bias = true)
    {
        Positive(inputs, nameof(inputs)); Positive(outputs, nameof(outputs));
        return checked(inputs * outputs + (bias ? outputs : 0));
    }

    /// <summary>2-D convolution: C_out·(C_in/groups)·k·k weights + C_out biases.</summary>
    public static long Conv2d(long inChannels, long outChannels, long kernelSize, bool bias = true, long groups = 1)
    {
        Positive(inChannels, nameof(inChannels)); Positive(outChannels, nameof(outChannels)); Positive(kernelSize, nameof(kernelSize));
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentOutOfRangeException(nameof(groups), groups, $"groups must divide inChannels ({inChannels}) and outChannels ({outChannels}).");
        return checked(outChannels * (inChannels / groups) * kernelSize * kernelSize + (bias ? outChannels : 0));
    }

    /// <summary>BatchNorm over c channels, trainable part: γ and β, 2c.</summary>
    public static long BatchNorm(long channels)
    {
        Positive(channels, nameof(channels));
        return 2 * channels;
    }

    /// <summary>BatchNorm buffers in PyTorch: running_mean and running_var (2c) plus the
    /// num_batches_tracked counter (1).</summary>
    public static long BatchNormBuffers(long channels)
    {
        Positive(channels, nameof(channels));
        return 2 * channels + 1;
    }

    /// <summary>
    /// A multilayer perceptron as <see cref="Depth.Mlp"/> builds it: inputs → width (depth
    /// hidden layers) → outputs, every linear layer with its bias, optionally a BatchNorm (γ, β)
    /// after each hidden layer: (in + 1)·w + (depth − 1)·(w + 1)·w + (w + 1)·out [+ depth·2w].
    /// </summary>
    public static long Mlp(long inputs, long width, long depth, long outputs,
        bool batchNorm = false)
    {
        Positive(depth, nameof(depth));
        long hidden = Linear(inputs, width) + checked((depth - 1) * Linear(width, width));
        long norms = batchNorm ? checked(depth * BatchNorm(width)) : 0;
        return checked(hidden + Linear(width, outputs) + norms);
    }

    /// <summary>Spatial output size of a convolution or pool: ⌊(n + 2·padding − dilation·(k − 1) −
    /// 1)/stride⌋ + 1.</summary>
    public static long OutputSize(long size, long kernelSize, long stride = 1, long padding = 0, long dilation = 1)
    {
        long result = (size + 2 * padding - dilation * (kernelSize - 1) - 1) / stride + 1;
        if (size < 1 || stride < 1 || result < 1)
            throw new ArgumentOutOfRangeException(nameof(size), size, $"kernel {kernelSize}, stride {stride}, padding {padding} leave no output from an input of size {size}.");
        return result;
    }

    /// <summary>Float32 storage of <paramref name="count"/> numbers: 4 bytes each.</summary>
    public static long Float32Bytes(long count) => checked(4 * count);

    private static void Positive(long value, string name)
    {
        if (value < 1) throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive.");
    }
}
