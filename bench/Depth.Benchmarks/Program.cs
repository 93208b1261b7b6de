using System.Reflection;
using BenchmarkDotNet.Running;
using TorchSharp;

// Records what the BenchmarkDotNet summary does not: the libtorch and TorchSharp versions.
Console.WriteLine($"TorchSharp {typeof(torch).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion}, " +
                  $"libtorch {torch.__version__}, torch threads {torch.get_num_threads()}");
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
