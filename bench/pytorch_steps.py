#!/usr/bin/env python3
"""PyTorch twin of the course's step benchmark (bench/Depth.Benchmarks, `steps`): the same networks, batch, optimiser.

Networks (Fashion-MNIST shapes, random inputs, cross-entropy, Adam; one step = zero_grad + forward + backward + step):
  mlp-modules  784 -> 32 (tanh) -> ... 10,000 tanh layers ... -> 10, one nn.Linear per layer (batch 256)
  mlp-stacked  the same network, hidden weights in one [9999, 32, 32] parameter used through unbind views
  cnn-stacked  the course's lesson-08 CNN: 4 stride-2 3x3 convs (1 -> 16 ch, 28 -> 2x2 maps), 9,996 same-size 3x3 convs
               stacked in one [9996, 16, 16, 3, 3] parameter, tanh after each, global average pool, linear (batch 256)
Also the fp32 matmul peak (torch.mm of 2048 x 2048 matrices) per thread count.
Needs only Debian's python3-torch. Prints one JSON object per line (a result), nothing else on stdout.
Usage: pytorch_steps.py [--depth 10000] [--steps 5] [--threads 1 2] [--only mlp-modules,...]
"""
import argparse, json, statistics, time
import torch
import torch.nn as nn
import torch.nn.functional as F


class ModulesMlp(nn.Module):
    def __init__(self, depth, width=32):
        super().__init__()
        self.layers = nn.ModuleList([nn.Linear(784 if l == 0 else width, width) for l in range(depth)])
        self.output = nn.Linear(width, 10)

    def forward(self, x):
        for layer in self.layers:
            x = torch.tanh_(layer(x))
        return self.output(x)


class StackedMlp(nn.Module):
    def __init__(self, depth, width=32):
        super().__init__()
        self.input = nn.Linear(784, width)
        self.hidden_weight = nn.Parameter(torch.randn(depth - 1, width, width) / width ** 0.5)
        self.hidden_bias = nn.Parameter(torch.zeros(depth - 1, width))
        self.output = nn.Linear(width, 10)

    def forward(self, x):
        h = torch.tanh_(self.input(x))
        for w, b in zip(self.hidden_weight.transpose(1, 2).unbind(0), self.hidden_bias.unbind(0)):
            h = torch.tanh_(torch.addmm(b, h, w))
        return self.output(h)


class StackedCnn(nn.Module):
    def __init__(self, depth, channels=16, strided=4):
        super().__init__()
        self.stem = nn.ModuleList([nn.Conv2d(1 if l == 0 else channels, channels, 3, 2, 1) for l in range(strided)])
        self.hidden_weight = nn.Parameter(torch.randn(depth - strided, channels, channels, 3, 3) / (9 * channels) ** 0.5)
        self.hidden_bias = nn.Parameter(torch.zeros(depth - strided, channels))
        self.fc = nn.Linear(channels, 10)

    def forward(self, x):
        for conv in self.stem:
            x = torch.tanh_(conv(x))
        for k, b in zip(self.hidden_weight.unbind(0), self.hidden_bias.unbind(0)):
            x = torch.tanh_(F.conv2d(x, k, b, padding=1))
        return self.fc(x.mean((2, 3)))


def step_times(model, x, y, steps):
    opt = torch.optim.Adam(model.parameters(), lr=1e-6)
    times = []
    for s in range(steps + 1):                     # the first step warms up and is not counted
        t = time.perf_counter()
        opt.zero_grad()
        F.cross_entropy(model(x), y).backward()
        opt.step()
        if s > 0:
            times.append(time.perf_counter() - t)
    return times


def matmul_gflops(n=2048, reps=10):
    a, b = torch.randn(n, n), torch.randn(n, n)
    torch.mm(a, b)
    best = float("inf")
    for _ in range(reps):
        t = time.perf_counter()
        torch.mm(a, b)
        best = min(best, time.perf_counter() - t)
    return 2 * n ** 3 / best / 1e9


def blas_library():
    """The BLAS shared object this process mapped (Debian's python3-torch uses the system libblas.so.3, which
    update-alternatives points at reference BLAS, OpenBLAS or BLIS: a 20x difference in matmul speed)."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.lower() or "blis" in line.lower()}
        return ", ".join(sorted(p for p in paths if p.startswith("/"))) or "?"
    except OSError:
        return "?"


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--depth", type=int, default=10000)
    p.add_argument("--steps", type=int, default=5)
    p.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    p.add_argument("--only", default="mlp-modules,mlp-stacked,cnn-stacked")
    a = p.parse_args()
    torch.manual_seed(1)
    nets = {
        "mlp-modules": (lambda: ModulesMlp(a.depth), 256, (784,), 2 * 3 * 256 * 32 * 32),
        "mlp-stacked": (lambda: StackedMlp(a.depth), 256, (784,), 2 * 3 * 256 * 32 * 32),
        # On 2x2 maps a padded 3x3 convolution is a dense 64x64 map (16 channels x 4 pixels): no padding multiplications.
        "cnn-stacked": (lambda: StackedCnn(a.depth), 256, (1, 28, 28), 2 * 3 * 256 * 64 * 64),
    }
    for threads in a.threads:
        torch.set_num_threads(threads)
        peak = matmul_gflops()
        print(json.dumps({"impl": "pytorch", "net": "matmul-2048", "threads": threads, "gflops": round(peak, 1),
                          "torch": torch.__version__, "blas": blas_library()}), flush=True)
        for name in a.only.split(","):
            make, batch, shape, flop_per_layer = nets[name]
            model = make()
            x, y = torch.rand(batch, *shape), torch.randint(0, 10, (batch,))
            t = step_times(model, x, y, a.steps)
            med = statistics.median(t)
            print(json.dumps({"impl": "pytorch", "net": name, "threads": threads, "depth": a.depth, "batch": batch,
                              "median_s": round(med, 4), "min_s": round(min(t), 4), "max_s": round(max(t), 4),
                              "steps": len(t), "gflop_per_step": round(flop_per_layer * a.depth / 1e9, 2),
                              "floor_gflop": round(flop_per_layer * a.depth / 1e9, 2),
                              "share_of_peak": round(flop_per_layer * a.depth / med / 1e9 / peak, 4),
                              "torch": torch.__version__}), flush=True)
            del model


if __name__ == "__main__":
    main()
