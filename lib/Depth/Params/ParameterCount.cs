using TorchSharp;

namespace Depth;

/// <summary>What a built TorchSharp module holds: trainable and frozen parameter elements, and buffer elements reported separately.</summary>
/// <param name="Trainable">Elements of parameters with requires_grad (what PyTorch-style counts report).</param>
/// <param name="Frozen">Elements of parameters with requires_grad = false.</param>
/// <param name="Buffers">Elements of registered buffers (BatchNorm running statistics and counters); not parameters.</param>
public sealed record ParameterCount(long Trainable, long Frozen, long Buffers)
{
    /// <summary>All parameter elements, trainable or not (buffers excluded).</summary>
    public long Parameters => Trainable + Frozen;

    /// <summary>Float32 storage of all parameters: 4 bytes each.</summary>
    public long Float32Bytes => ParameterFormulas.Float32Bytes(Parameters);

    /// <summary>Counts a built module (recursively, each shared tensor once).</summary>
    public static ParameterCount Of(torch.nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        long trainable = 0, frozen = 0, buffers = 0;
        foreach (var p in module.parameters())
        {
            if (p.requires_grad) trainable += p.numel();
            else frozen += p.numel();
        }
        foreach (var b in module.buffers())
            buffers += b.numel();
        return new ParameterCount(trainable, frozen, buffers);
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{Trainable:N0} trainable, {Frozen:N0} frozen parameters, {Buffers:N0} buffer elements ({Memory.Format(Float32Bytes)} as float32)";
}
