using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// Two 3×3 convolutions, each followed by an optional BatchNorm: the block of <see cref="Cnn"/>.
/// Plain: y = φ(N₂(conv₂(φ(N₁(conv₁ x))))). Residual (He et al. 2016a, post-activation as in torchvision's BasicBlock):
/// y = φ(N₂(conv₂(φ(N₁(conv₁ x)))) + s(x)), where s is the identity or, when shape changes, a 1×1 projection (+ BatchNorm).
/// </summary>
public sealed class ConvBlock : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d? norm1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d? norm2;
    private readonly Sequential? shortcut;
    private readonly Activation activation;

    /// <summary>Builds a block inChannels → outChannels; the first convolution carries the stride.</summary>
    /// <param name="inChannels">Input channels.</param>
    /// <param name="outChannels">Output channels.</param>
    /// <param name="stride">Stride of the first convolution (2 halves H and W).</param>
    /// <param name="activation">The nonlinearity φ.</param>
    /// <param name="norm">BatchNorm after each convolution, or none (then convolutions have biases).</param>
    /// <param name="residual">Whether to add the shortcut s(x).</param>
    public ConvBlock(int inChannels, int outChannels, int stride, Activation activation, Norm norm, bool residual)
        : base(nameof(ConvBlock))
    {
        bool bias = norm == Norm.None;
        this.activation = activation;
        conv1 = nn.Conv2d(inChannels, outChannels, kernel_size: 3, stride: stride, padding: 1, bias: bias);
        conv2 = nn.Conv2d(outChannels, outChannels, kernel_size: 3, stride: 1, padding: 1, bias: bias);
        if (norm == Norm.BatchNorm)
        {
            norm1 = nn.BatchNorm2d(outChannels);
            norm2 = nn.BatchNorm2d(outChannels);
        }
        if (residual && (stride != 1 || inChannels != outChannels))
        {
            shortcut = norm == Norm.BatchNorm
                ? nn.Sequential(nn.Conv2d(inChannels, outChannels, kernel_size: 1, stride: stride, bias: false), nn.BatchNorm2d(outChannels))
                : nn.Sequential(nn.Conv2d(inChannels, outChannels, kernel_size: 1, stride: stride, bias: true));
        }
        Residual = residual;
        RegisterComponents();
    }

    /// <summary>Whether the block adds its shortcut.</summary>
    public bool Residual { get; }

    /// <summary>The first 3×3 convolution (carries the stride).</summary>
    public Conv2d Conv1 => conv1;

    /// <summary>The second 3×3 convolution: the last layer of the residual branch.</summary>
    public Conv2d Conv2 => conv2;

    /// <summary>BatchNorm after <see cref="Conv2"/>, null without normalisation: the last operation of the residual branch.</summary>
    public BatchNorm2d? Norm2 => norm2;

    /// <summary>
    /// Zero-initialises the last operation of the residual branch: γ of <see cref="Norm2"/> or, without normalisation,
    /// the weight and bias of <see cref="Conv2"/> (Goyal et al. 2017, §5.1; torchvision's <c>zero_init_residual</c>).
    /// The block then computes φ(s(x)), the identity for ReLU on non-negative inputs (He et al. 2016b discusses why identity shortcuts help).
    /// </summary>
    public void ZeroInitResidualBranch()
    {
        using var noGrad = torch.no_grad();
        if (norm2 is not null) norm2.weight!.zero_();
        else { conv2.weight!.zero_(); conv2.bias!.zero_(); }
    }

    /// <summary>x: [batch, inChannels, H, W] → [batch, outChannels, H/stride, W/stride].</summary>
    public override Tensor forward(Tensor input)
    {
        var h = conv1.call(input);
        if (norm1 is not null) h = norm1.call(h);
        h = activation.Apply(h);
        h = conv2.call(h);
        if (norm2 is not null) h = norm2.call(h);
        if (Residual) h = h + (shortcut is null ? input : shortcut.call(input));
        return activation.Apply(h);
    }
}
