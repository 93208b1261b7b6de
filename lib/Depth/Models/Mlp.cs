using Depth.Runtime;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth.Models;

/// <summary>
/// A multilayer perceptron of <c>depth</c> hidden layers of equal <c>width</c>, plain or residual.
/// </summary>
/// <remarks>
/// <para>Plain: h₀ = x, h_{l+1} = φ(N_l(W_l h_l + b_l)) for l = 0 … depth−1, y = W_out h_depth + b_out.</para>
/// <para>Residual (pre-activation, He et al. 2016b, "Identity Mappings in Deep Residual Networks"):
/// h₁ = N₀(W₀ x + b₀), h_{l+1} = h_l + N_l(W_l φ(h_l) + b_l) for l ≥ 1, y = W_out φ(h_depth) + b_out.
/// Each residual branch ends with its normalisation (or its linear layer), so with
/// <c>zeroInitResidual</c> every branch outputs exactly 0 at step 0 and the hidden stack is the identity,
/// for any activation.</para>
/// <para>Parameter names are ordered and readable: <c>layers.0.weight</c> … <c>layers.{depth−1}.bias</c>,
/// <c>norms.l.*</c> (only with <see cref="Norm.BatchNorm"/>), <c>output.weight</c>, <c>output.bias</c>.
/// Layers are held in a <c>ModuleList</c> and the forward pass is a loop, so building 10,000 layers is linear work.</para>
/// </remarks>
public class Mlp : nn.Module<Tensor, Tensor>
{
    private readonly ModuleList<Linear> layers;
    private readonly ModuleList<BatchNorm1d> norms;
    private readonly Linear output;
    private readonly Linear[] layerArray;
    private readonly BatchNorm1d[] normArray;

    /// <summary>Builds the network; parameters are drawn with PyTorch's default initialisation drawn from a private generator seeded with <c>seed</c> (see <see cref="SeededInit"/>).</summary>
    /// <param name="inputs">Input features (x has shape [batch, inputs]).</param>
    /// <param name="width">Features of every hidden layer.</param>
    /// <param name="depth">Number of hidden linear layers (≥ 1); <see cref="Layers"/> has this many entries.</param>
    /// <param name="outputs">Output features (y has shape [batch, outputs]).</param>
    /// <param name="activation">The nonlinearity φ.</param>
    /// <param name="norm">Normalisation after each hidden linear layer.</param>
    /// <param name="residual">Whether hidden layers 1 … depth−1 are residual blocks h + N(W φ(h) + b).</param>
    /// <param name="zeroInitResidual">Zero-initialise the last operation of each residual branch: the BatchNorm γ
    /// (β is already 0) or, without normalisation, the branch's weight and bias, so the network starts as the identity
    /// (Goyal et al. 2017, "Accurate, Large Minibatch SGD", §5.1; torchvision's <c>zero_init_residual</c>). Requires <paramref name="residual"/>.</param>
    /// <param name="seed">Seed for the default initialisation (a private generator: the global one is left alone).</param>
    public Mlp(int inputs, int width, int depth, int outputs,
        Activation activation = Activation.ReLU, Norm norm = Norm.None,
        bool residual = false, bool zeroInitResidual = false, long seed = 0)
        : base(residual ? "ResidualMlp" : "Mlp")
    {
        if (inputs < 1) throw new ArgumentOutOfRangeException(nameof(inputs), inputs, "Mlp needs at least one input feature.");
        if (width < 1) throw new ArgumentOutOfRangeException(nameof(width), width, "Mlp needs a positive width.");
        if (depth < 1) throw new ArgumentOutOfRangeException(nameof(depth), depth, "Mlp needs at least one hidden layer.");
        if (outputs < 1) throw new ArgumentOutOfRangeException(nameof(outputs), outputs, "Mlp needs at least one output.");
        if (zeroInitResidual && !residual)
            throw new ArgumentException("zeroInitResidual needs residual: true (a plain network has no residual branch).", nameof(zeroInitResidual));

        Activation = activation;
        Norm = norm;
        Residual = residual;

        layerArray = new Linear[depth];
        for (int l = 0; l < depth; l++)
            layerArray[l] = nn.Linear(l == 0 ? inputs : width, width, hasBias: true);
        normArray = norm == Norm.BatchNorm ? new BatchNorm1d[depth] : [];
        for (int l = 0; l < normArray.Length; l++)
            normArray[l] = nn.BatchNorm1d(width);

        layers = new ModuleList<Linear>(layerArray);
        norms = new ModuleList<BatchNorm1d>(normArray);
        output = nn.Linear(width, outputs, hasBias: true);
        RegisterComponents();
        SeededInit.Apply(this, seed);

        if (zeroInitResidual) ZeroInitResidualBranches();
    }

    /// <summary>The nonlinearity φ.</summary>
    public Activation Activation { get; }

    /// <summary>The normalisation after each hidden layer.</summary>
    public Norm Norm { get; }

    /// <summary>Whether hidden layers 1 … depth−1 are residual blocks.</summary>
    public bool Residual { get; }

    /// <summary>The hidden linear layers in forward order (<c>layers.l</c>); Layers[0] maps inputs → width.</summary>
    public IReadOnlyList<Linear> Layers => layerArray;

    /// <summary>The BatchNorm after hidden layer l (<c>norms.l</c>); empty without normalisation.</summary>
    public IReadOnlyList<BatchNorm1d> Norms => normArray;

    /// <summary>The final linear read-out width → outputs.</summary>
    public Linear Output => output;

    /// <summary>Number of hidden layers.</summary>
    public int Depth => layerArray.Length;

    /// <summary>x: [batch, inputs] → logits [batch, outputs].</summary>
    /// <remarks>
    /// Without autograd (evaluation under <c>torch.no_grad()</c>) nothing needs the intermediate activations, so each
    /// is freed as soon as the next exists: evaluating a 10,000-layer network holds a few activations, not 10,000
    /// (a dispose scope alone would keep them all until it ends).
    /// </remarks>
    public override Tensor forward(Tensor input)
    {
        bool free = !torch.is_grad_enabled();
        // r replaces t: dispose t unless it is the caller's input, r itself, or still needed (keep).
        Tensor Then(Tensor t, Tensor r, Tensor? keep = null)
        {
            if (free && !ReferenceEquals(t, input) && !ReferenceEquals(t, r) && !ReferenceEquals(t, keep)) t.Dispose();
            return r;
        }

        var h = input;
        for (int l = 0; l < layerArray.Length; l++)
        {
            if (Residual && l > 0)
            {
                var a = Activation.Apply(h);                        // φ(h)
                var z = Then(a, layerArray[l].call(a), keep: h);    // W φ(h) + b
                var n = Then(z, Normalise(l, z));                   // N(·)
                h = Then(h, Then(n, h.add(n, Scalars.One), keep: h)); // h + N(W φ(h) + b)
            }
            else if (Residual)
            {
                var z = layerArray[l].call(h);
                h = Then(h, Then(z, Normalise(l, z)));
            }
            else
            {
                var z = layerArray[l].call(h);
                var n = Then(z, Normalise(l, z));
                h = Then(h, Activation.ApplyInPlace(n));            // φ in n's storage: nothing else needs n
            }
        }
        var last = Residual ? Activation.Apply(h) : h;
        var y = output.call(last);
        if (!ReferenceEquals(last, h)) Then(last, y);
        Then(h, y);
        return y;
    }

    private Tensor Normalise(int l, Tensor z) => normArray.Length == 0 ? z : normArray[l].call(z);

    private void ZeroInitResidualBranches()
    {
        using var noGrad = torch.no_grad();
        for (int l = 1; l < layerArray.Length; l++)
        {
            if (normArray.Length > 0)
            {
                normArray[l].weight!.zero_();
                normArray[l].bias!.zero_();
            }
            else
            {
                layerArray[l].weight!.zero_();
                layerArray[l].bias!.zero_();
            }
        }
    }
}
