using System.Reflection;
using Depth.Benchmarks;
using BenchmarkDotNet.Running;
using TorchSharp;

// `steps [depth] [steps] [threads…]`: whole training steps of the 10,000-layer networks (StepBench), JSON lines.
if (args.Length > 0 && args[0] == "steps")
{
    StepBench.Run(args[1..]);
    return;
}

// `kernel [width] [batch] [threads]`: one tanh layer, libtorch calls against TanhKernel (KernelBench).
if (args.Length > 0 && args[0] == "kernel")
{
    KernelBench.Run(args[1..]);
    return;
}

// Records what the BenchmarkDotNet summary does not: the libtorch and TorchSharp versions.
Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}, " +
                  $"libtorch {torch.__version__}, torch threads {torch.get_num_threads()}");
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
