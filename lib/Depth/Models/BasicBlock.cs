using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// torchvision's ResNet basic block (ResNet-18/34; He et al. 2016a): y = relu(bn2(conv2(relu(bn1(conv1 x)))) + downsample(x)),
/// 3×3 convolutions without bias, downsample = 1×1 convolution + BatchNorm where the shape changes.
/// </summary>
public sealed class BasicBlock : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels = planes × Expansion.</summary>
    public const int Expansion = 1;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Sequential? downsample;

    /// <summary>Builds inplanes → planes with the given stride on conv1.</summary>
    /// <param name="inplanes">Input channels.</param>
    /// <param name="planes">Output channels.</param>
    /// <param name="stride">Stride of conv1.</param>
    public BasicBlock(int inplanes, int planes, int stride) : base(nameof(BasicBlock))
    {
        conv1 = nn.Conv2d(inplanes, planes, kernel_size: 3, stride: stride, padding: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, kernel_size: 3, stride: 1, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        if (stride != 1 || inplanes != planes * Expansion)
            downsample = nn.Sequential(nn.Conv2d(inplanes, planes * Expansion, kernel_size: 1, stride: stride, bias: false), nn.BatchNorm2d(planes * Expansion));
        RegisterComponents();
    }

    /// <summary>The last BatchNorm of the residual branch (zeroed by <c>zero_init_residual</c>).</summary>
    public BatchNorm2d LastNorm => bn2;

    /// <summary>x: [batch, inplanes, H, W] → [batch, planes, H/stride, W/stride].</summary>
    public override Tensor forward(Tensor input)
    {
        var h = nn.functional.relu(bn1.call(conv1.call(input)));
        h = bn2.call(conv2.call(h));
        return nn.functional.relu(h + (downsample is null ? input : downsample.call(input)));
    }
}
