using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// torchvision's ResNet bottleneck block (ResNet-50/101/152, "ResNet v1.5": the stride sits on the 3×3 convolution):
/// y = relu(bn3(conv3(relu(bn2(conv2(relu(bn1(conv1 x))))))) + downsample(x)) with 1×1 → 3×3 → 1×1 convolutions
/// planes → planes → 4·planes, no biases; downsample = 1×1 convolution + BatchNorm where the shape changes.
/// </summary>
public sealed class Bottleneck : nn.Module<Tensor, Tensor>
{
    /// <summary>Output channels = planes × Expansion.</summary>
    public const int Expansion = 4;

    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly Conv2d conv2;
    private readonly BatchNorm2d bn2;
    private readonly Conv2d conv3;
    private readonly BatchNorm2d bn3;
    private readonly Sequential? downsample;

    /// <summary>Builds inplanes → 4·planes with the given stride on conv2.</summary>
    /// <param name="inplanes">Input channels.</param>
    /// <param name="planes">Bottleneck channels.</param>
    /// <param name="stride">Stride of the 3×3 convolution.</param>
    public Bottleneck(int inplanes, int planes, int stride) : base(nameof(Bottleneck))
    {
        conv1 = nn.Conv2d(inplanes, planes, kernel_size: 1, bias: false);
        bn1 = nn.BatchNorm2d(planes);
        conv2 = nn.Conv2d(planes, planes, kernel_size: 3, stride: stride, padding: 1, bias: false);
        bn2 = nn.BatchNorm2d(planes);
        conv3 = nn.Conv2d(planes, planes * Expansion, kernel_size: 1, bias: false);
        bn3 = nn.BatchNorm2d(planes * Expansion);
        if (stride != 1 || inplanes != planes * Expansion)
            downsample = nn.Sequential(nn.Conv2d(inplanes, planes * Expansion, kernel_size: 1, stride: stride, bias: false), nn.BatchNorm2d(planes * Expansion));
        RegisterComponents();
    }

    /// <summary>The last BatchNorm of the residual branch (zeroed by <c>zero_init_residual</c>).</summary>
    public BatchNorm2d LastNorm => bn3;

    /// <summary>x: [batch, inplanes, H, W] → [batch, 4·planes, H/stride, W/stride].</summary>
    public override Tensor forward(Tensor input)
    {
        var h = nn.functional.relu(bn1.call(conv1.call(input)));
        h = nn.functional.relu(bn2.call(conv2.call(h)));
        h = bn3.call(conv3.call(h));
        return nn.functional.relu(h + (downsample is null ? input : downsample.call(input)));
    }
}
