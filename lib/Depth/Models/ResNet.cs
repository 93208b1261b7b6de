using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

/// <summary>
/// ResNet for ImageNet in torchvision's layout and parameter names (He et al. 2016a, "Deep Residual Learning for Image
/// Recognition"): conv1 7×7/2 → bn1 → relu → maxpool 3×3/2 → layer1 … layer4 → global average pool → fc.
/// Parameter counts equal torchvision's: ResNet-18 11,689,512; ResNet-34 21,797,672; ResNet-50 25,557,032 (1000 classes).
/// </summary>
/// <remarks>x: [batch, 3, H, W] (224×224 for ImageNet) → logits [batch, classes].</remarks>
public sealed class ResNet : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d conv1;
    private readonly BatchNorm2d bn1;
    private readonly MaxPool2d maxpool;
    private readonly Sequential layer1;
    private readonly Sequential layer2;
    private readonly Sequential layer3;
    private readonly Sequential layer4;
    private readonly AdaptiveAvgPool2d avgpool;
    private readonly Linear fc;
    private readonly nn.Module<Tensor, Tensor>[] blockArray;

    private ResNet(bool bottleneck, int[] blocksPerStage, int classes, bool zeroInitResidual, long seed) : base(nameof(ResNet))
    {
        if (classes < 1) throw new ArgumentOutOfRangeException(nameof(classes), classes, "ResNet needs at least one class.");
        conv1 = nn.Conv2d(3, 64, kernel_size: 7, stride: 2, padding: 3, bias: false);
        bn1 = nn.BatchNorm2d(64);
        maxpool = nn.MaxPool2d(kernel_size: 3, stride: 2, padding: 1);
        int expansion = bottleneck ? Bottleneck.Expansion : BasicBlock.Expansion;
        int inplanes = 64;
        var stages = new Sequential[4];
        var all = new List<nn.Module<Tensor, Tensor>>();
        for (int s = 0; s < 4; s++)
        {
            int planes = 64 << s;
            var blocks = new nn.Module<Tensor, Tensor>[blocksPerStage[s]];
            for (int b = 0; b < blocks.Length; b++)
            {
                int stride = s > 0 && b == 0 ? 2 : 1;
                blocks[b] = bottleneck ? new Bottleneck(inplanes, planes, stride) : new BasicBlock(inplanes, planes, stride);
                inplanes = planes * expansion;
            }
            all.AddRange(blocks);
            stages[s] = nn.Sequential(blocks);
        }
        (layer1, layer2, layer3, layer4) = (stages[0], stages[1], stages[2], stages[3]);
        avgpool = nn.AdaptiveAvgPool2d(1);
        fc = nn.Linear(512 * expansion, classes);
        blockArray = [.. all];
        RegisterComponents();
        SeededInit.Apply(this, seed);

        if (zeroInitResidual)
        {
            using var noGrad = torch.no_grad();
            foreach (var block in blockArray)
                (block is Bottleneck b ? b.LastNorm : ((BasicBlock)block).LastNorm).weight!.zero_();
        }
    }

    /// <summary>ResNet-18: basic blocks [2, 2, 2, 2].</summary>
    /// <param name="classes">Classes of the fc layer.</param>
    /// <param name="zeroInitResidual">Zero the last BatchNorm γ of every residual branch so each block starts as relu(x) = x
    /// (Goyal et al. 2017, §5.1; torchvision's <c>zero_init_residual</c>).</param>
    /// <param name="seed">Seed for the default initialisation.</param>
    public static ResNet ResNet18(int classes = 1000, bool zeroInitResidual = false, long seed = 0) => new(false, [2, 2, 2, 2], classes, zeroInitResidual, seed);

    /// <summary>ResNet-34: basic blocks [3, 4, 6, 3].</summary>
    /// <inheritdoc cref="ResNet18" path="/param"/>
    public static ResNet ResNet34(int classes = 1000, bool zeroInitResidual = false, long seed = 0) => new(false, [3, 4, 6, 3], classes, zeroInitResidual, seed);

    /// <summary>ResNet-50: bottleneck blocks [3, 4, 6, 3].</summary>
    /// <inheritdoc cref="ResNet18" path="/param"/>
    public static ResNet ResNet50(int classes = 1000, bool zeroInitResidual = false, long seed = 0) => new(true, [3, 4, 6, 3], classes, zeroInitResidual, seed);

    /// <summary>ResNet-101: bottleneck blocks [3, 4, 23, 3].</summary>
    /// <inheritdoc cref="ResNet18" path="/param"/>
    public static ResNet ResNet101(int classes = 1000, bool zeroInitResidual = false, long seed = 0) => new(true, [3, 4, 23, 3], classes, zeroInitResidual, seed);

    /// <summary>ResNet-152: bottleneck blocks [3, 8, 36, 3].</summary>
    /// <inheritdoc cref="ResNet18" path="/param"/>
    public static ResNet ResNet152(int classes = 1000, bool zeroInitResidual = false, long seed = 0) => new(true, [3, 8, 36, 3], classes, zeroInitResidual, seed);

    /// <summary>The residual blocks in forward order (<see cref="BasicBlock"/> or <see cref="Bottleneck"/>).</summary>
    public IReadOnlyList<nn.Module<Tensor, Tensor>> Blocks => blockArray;

    /// <summary>The classifier (<c>fc</c>).</summary>
    public Linear Classifier => fc;

    /// <summary>Features before the classifier: x [batch, 3, H, W] → [batch, 512·expansion].</summary>
    public Tensor Features(Tensor input)
    {
        var h = maxpool.call(nn.functional.relu(bn1.call(conv1.call(input))));
        h = layer4.call(layer3.call(layer2.call(layer1.call(h))));
        return torch.flatten(avgpool.call(h), 1);
    }

    /// <summary>x: [batch, 3, H, W] → logits [batch, classes].</summary>
    public override Tensor forward(Tensor input) => fc.call(Features(input));
}
