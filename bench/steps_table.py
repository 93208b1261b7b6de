#!/usr/bin/env python3
"""Markdown table of a step-benchmark run:
steps_table.py [RESULTS.jsonl OUT.md [LOAD_BEFORE LOAD_AFTER [NOTE]]], by default bench/results/steps.jsonl → steps.md
(standard library only; called by run-steps.sh, usable on a partial .jsonl)."""
import json, os, platform, statistics, subprocess, sys
results = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
args = sys.argv[1:] + [None] * 5
src = args[0] or os.path.join(results, "steps.jsonl")
dst = args[1] or os.path.join(results, "steps.md")
before, after, note = args[2] or "?", args[3] or "?", args[4] or ""
raw = [json.loads(l) for l in open(src) if l.startswith("{")]
# Several runs of each process (run-steps.sh --runs): one row per (library, network, threads) with the median of the
# runs' medians, the smallest min, the largest max, all steps counted; the matmul peak is the best run's.
groups = {}
for r in raw:
    groups.setdefault((r["impl"], r["net"], r["threads"]), []).append(r)
rows = []
for (impl, net, threads), rs in groups.items():
    if net.startswith("matmul"):
        rows.append(dict(rs[0], gflops=max(r["gflops"] for r in rs)))
    else:
        rows.append(dict(rs[0], median_s=statistics.median(r["median_s"] for r in rs), min_s=min(r["min_s"] for r in rs),
                         max_s=max(r["max_s"] for r in rs), steps=sum(r["steps"] for r in rs), runs=len(rs)))
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
peak = {(r["impl"], r["threads"]): r["gflops"] for r in rows if r["net"].startswith("matmul")}
libtorch = next((r.get("libtorch") for r in rows if r["impl"] == "torchsharp"), "?")
pytorch = next((r.get("torch") for r in rows if r["impl"] == "pytorch"), "?")
blas = next((r.get("blas") for r in rows if r["impl"] == "pytorch" and r.get("blas")), "?")
# The machine's peak at a thread count: the faster of the two libraries' matmuls (each step's share is of that).
machine = {t: max(g for (_, tt), g in peak.items() if tt == t) for (_, t) in peak}
out = ["# Training-step benchmark: the course's deep networks, TorchSharp vs PyTorch",
       "", f"- machine: {cpu}, {cores} cores ({platform.system()} {platform.release()})",
       f"- TorchSharp 0.107.0 (libtorch {libtorch}); PyTorch {pytorch} (Debian python3-torch, BLAS: {blas}); Python {platform.python_version()}",
       f"- load average before / after: {before} / {after}" + (f" — {note}" if note else ""),
       "- one step = zero_grad + forward + backward + Adam step; the first step of each process is a warm-up and not"
       " counted; median s/step = the median over the processes (runs) of each one's median step, min and max over"
       " every step",
       "- GFLOP/step = useful fp32 FLOP (6·B·fan_in·fan_out per layer; the CNN's padded 3×3 convolutions on 2×2 maps as the"
       " dense 64×64 maps they are, no multiplications by padding zeros)",
       "- floor = the arithmetic the implementation must do (useful FLOP, plus the recomputed forward pass, 2 of the 6, where"
       " activations are recomputed) at the machine's fp32 matmul peak for that thread count (the faster library's"
       " 2048×2048 matmul, table below); × floor = median / floor; share of peak = useful FLOP / median / peak", "",
       "| network | implementation | threads | median s/step | min | max | runs × steps | GFLOP/step | floor s | × floor | share of peak |",
       "|---|---|---|---|---|---|---|---|---|---|---|"]
for r in rows:
    if r["net"].startswith("matmul"):
        continue
    floor = r.get("floor_gflop", r["gflop_per_step"]) / machine[r["threads"]]
    out.append(f"| {r['net']} (depth {r['depth']}, batch {r['batch']}) | {r['impl']} | {r['threads']} | {r['median_s']:.3f} | "
               f"{r['min_s']:.3f} | {r['max_s']:.3f} | {r.get('runs', 1)} × {r['steps'] // r.get('runs', 1)} | {r['gflop_per_step']} | {floor:.3f} | "
               f"{r['median_s'] / floor:.1f} | {100 * r['gflop_per_step'] / r['median_s'] / machine[r['threads']]:.2f} % |")
out += ["", "| fp32 matmul 2048×2048 | threads | GFLOP/s (best of 10, best run) |", "|---|---|---|"]
out += [f"| {impl} | {t} | {g} |" for (impl, t), g in sorted(peak.items())]
open(dst, "w").write("\n".join(out) + "\n")
print("\n".join(out))
