using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Depth;

// Why these exist. TorchSharp 0.107's optimizers (src/TorchSharp/Optimizers) pass numbers to libtorch as Scalars made
// inline, e.g. exp_avg.mul_(beta1): a temporary Scalar whose handle is read for the native call, after which nothing
// references it. If another thread starts a garbage collection during that call, the Scalar's finalizer can free the
// native Scalar while libtorch is still reading it, and the step fails with "Unknown scalar type" (a loop of
// t.mul_(0.999).add_(1e-3) beside an allocating thread fails about once per 100,000 calls; docs/runtime.md).
// Tensors are safe there: optimizer steps run inside a dispose scope, which references them. The classes below are
// the same updates, the same operations in the same order (so the same numbers; KeptScalarOptimizersTests compares
// them), with every Scalar in a local that is disposed only after the last call that uses it (ScalarLifetimeTests).

/// <summary>Adam (Kingma &amp; Ba 2015) as <c>torch.optim.Adam</c>, its Scalars kept alive during native calls.</summary>
public sealed class KeptScalarAdam : Adam
{
    /// <summary>One parameter group, as <c>torch.optim.Adam(parameters, lr, weight_decay: …)</c>.</summary>
    public KeptScalarAdam(IEnumerable<Parameter> parameters, double lr, double weightDecay = 0)
        : base(parameters, lr, weight_decay: weightDecay) { }

    /// <summary>Several parameter groups, each with its own rate.</summary>
    public KeptScalarAdam(IEnumerable<ParamGroup> groups, double lr) : base(groups, lr) { }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        double beta1 = o.beta1!.Value, beta2 = o.beta2!.Value, decay = o.weight_decay!.Value, lr = o.LearningRate!.Value;
        if (o.amsgrad!.Value || o.maximize!.Value)
            throw new NotSupportedException("KeptScalarAdam implements neither amsgrad nor maximize.");
        using Scalar one = 1, eps = o.eps!.Value, decayS = decay, beta1S = beta1, beta2S = beta2;
        using Scalar keep1 = 1 - beta1, keep2 = 1 - beta2;
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            state.step += 1;
            double correction1 = 1 - Math.Pow(beta1, state.step), correction2 = 1 - Math.Pow(beta2, state.step);
            using Scalar root2 = Math.Sqrt(correction2), stepSize = -(lr / correction1);
            if (decay != 0) grad = grad.add(param, alpha: decayS);
            state.exp_avg.mul_(beta1S).add_(grad, alpha: keep1);                       // m ← β₁m + (1−β₁)g
            state.exp_avg_sq.mul_(beta2S).addcmul_(grad, grad.conj(), value: keep2);   // v ← β₂v + (1−β₂)g²
            var denom = Denominator(param, state.exp_avg_sq);
            denom.copy_(state.exp_avg_sq).sqrt_().div_(root2).add_(eps, one);         // √v / √(1−β₂ᵗ) + ε
            param.addcdiv_(state.exp_avg, denom, value: stepSize);                    // θ ← θ − lr/(1−β₁ᵗ)·m/denom
        }
    }, closure);

    // Each parameter's denominator is computed in place in a buffer kept between steps (torch.optim.Adam allocates
    // it twice per step: sqrt, then div). Above glibc's mmap threshold a fresh tensor is page-faulted in 4 KB at a
    // time: for the 10,000-layer CNN's 92 MB weight stack that was about 0.2 s of every step (NativeHeap).
    readonly Dictionary<IntPtr, Tensor> denominators = new();

    Tensor Denominator(Parameter param, Tensor like)
    {
        if (!denominators.TryGetValue(param.Handle, out var denom))
            denominators[param.Handle] = denom = torch.empty_like(like).DetachFromDisposeScope();
        return denom;
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            foreach (var denom in denominators.Values) denom.Dispose();
        denominators.Clear();
        base.Dispose(disposing);
    }
}

/// <summary>SGD with heavy-ball momentum as <c>torch.optim.SGD</c>, its Scalars kept alive during native calls.</summary>
public sealed class KeptScalarSgd : SGD
{
    /// <summary>One parameter group, as <c>torch.optim.SGD(parameters, lr, momentum: …, weight_decay: …)</c>.</summary>
    public KeptScalarSgd(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double weightDecay = 0)
        : base(parameters, lr, momentum: momentum, weight_decay: weightDecay) { }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        double momentum = o.momentum!.Value, decay = o.weight_decay!.Value;
        if (o.nesterov!.Value || o.maximize!.Value)
            throw new NotSupportedException("KeptScalarSgd implements neither nesterov nor maximize.");
        using Scalar decayS = decay, momentumS = momentum, keep = 1 - o.dampening!.Value, rate = -o.LearningRate!.Value;
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            if (decay != 0) grad = grad.add(param, alpha: decayS);
            if (momentum != 0)
            {
                var buf = state.momentum_buffer;
                if (buf is null)
                    state.momentum_buffer = buf = grad.clone().detach().DetachFromDisposeScope();
                else
                    buf.mul_(momentumS).add_(grad, alpha: keep);                      // b ← μb + (1−dampening)g
                grad = buf;
            }
            param.add_(grad, alpha: rate);                                            // θ ← θ − lr·b
        }
    }, closure);
}

/// <summary>RMSProp (Tieleman &amp; Hinton 2012) as <c>torch.optim.RMSProp</c>, its Scalars kept alive during native
/// calls.</summary>
public sealed class KeptScalarRmsProp : RMSProp
{
    /// <summary>One parameter group, as <c>torch.optim.RMSProp(parameters, lr, momentum: …, weight_decay: …)</c>.</summary>
    public KeptScalarRmsProp(IEnumerable<Parameter> parameters, double lr, double momentum = 0, double weightDecay = 0)
        : base(parameters, lr, momentum: momentum, weight_decay: weightDecay) { }

    /// <inheritdoc/>
    public override Tensor step(Func<Tensor>? closure = null) => _step<ParamGroup>(group =>
    {
        var o = (Options)group.Options;
        double momentum = o.momentum!.Value, alpha = o.alpha!.Value, decay = o.weight_decay!.Value;
        if (o.centered!.Value || o.maximize!.Value)
            throw new NotSupportedException("KeptScalarRmsProp implements neither centered nor maximize.");
        using Scalar one = 1, eps = o.eps!.Value, decayS = decay, alphaS = alpha, keep = 1 - alpha;
        using Scalar momentumS = momentum, rate = -o.LearningRate!.Value;
        foreach (var param in group.Parameters)
        {
            var state = (State)_state[param.Handle];
            var grad = param.grad;
            if (grad is null) continue;
            state.step += 1;
            if (decay != 0) grad = grad.add(param, alpha: decayS);
            state.square_avg.mul_(alphaS).addcmul_(grad, grad, value: keep);          // s ← αs + (1−α)g²
            var avg = state.square_avg.sqrt().add_(eps, one);                         // √s + ε
            if (momentum > 0)
            {
                state.momentum_buffer.mul_(momentumS).addcdiv_(grad, avg, one);       // b ← μb + g/avg
                param.add_(state.momentum_buffer, alpha: rate);
            }
            else
                param.addcdiv_(grad, avg, rate);
        }
    }, closure);
}
