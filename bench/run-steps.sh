#!/bin/sh
# Side by side: training-step times of the course's 10,000-layer networks in TorchSharp (bench/Depth.Benchmarks
# `steps`) and in PyTorch (bench/pytorch_steps.py, Debian's python3-torch), 1 and 2 threads, with each machine's
# measured fp32 matmul peak and each step's share of it. Writes bench/results/steps-<host>-<UTC time>.{jsonl,md}.
#
#   bench/run-steps.sh [--depth N] [--steps N] [--note TEXT]     (after ./course build)
#
# Needs python3 with torch (Debian: apt-get install python3-torch); installs nothing.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
DEPTH=10000 STEPS=5 NOTE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --depth) DEPTH=$2; shift 2 ;;
    --steps) STEPS=$2; shift 2 ;;
    --note) NOTE=$2; shift 2 ;;
    *) echo "run-steps.sh: unknown argument '$1' (use --depth N, --steps N, --note TEXT)" >&2; exit 2 ;;
  esac
done
# The first Python that imports torch: PATH's python3 (it may be a pyenv or venv one), then Debian's own.
PY=""
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import torch' 2>/dev/null; then PY=$candidate; break; fi
done
[ -n "$PY" ] || { echo "run-steps.sh: no python3 can import torch; install Debian's python3-torch" >&2; exit 1; }
STAMP=$(date -u +%Y%m%dT%H%MZ)
OUT="$ROOT/bench/results/steps-$(hostname)-$STAMP"
mkdir -p "$ROOT/bench/results"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
"$ROOT/course" exec "$ROOT/bench/Depth.Benchmarks/bin/Release/net10.0/Depth.Benchmarks" steps "$DEPTH" "$STEPS" 1 2 > "$OUT.jsonl"
"$PY" "$ROOT/bench/pytorch_steps.py" --depth "$DEPTH" --steps "$STEPS" --threads 1 2 >> "$OUT.jsonl"
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
"$PY" - "$OUT.jsonl" "$OUT.md" "$LOAD_BEFORE" "$LOAD_AFTER" "$NOTE" <<'PY'
import json, platform, subprocess, sys
src, dst, before, after, note = sys.argv[1:6]
rows = [json.loads(l) for l in open(src) if l.startswith("{")]
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
cores = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
peak = {(r["impl"], r["threads"]): r["gflops"] for r in rows if r["net"].startswith("matmul")}
libtorch = next((r.get("libtorch") for r in rows if r["impl"] == "torchsharp"), "?")
pytorch = next((r.get("torch") for r in rows if r["impl"] == "pytorch"), "?")
out = ["# Training-step benchmark: the course's deep networks, TorchSharp vs PyTorch",
       "", f"- machine: {cpu}, {cores} cores ({platform.system()} {platform.release()})",
       f"- TorchSharp 0.107.0 (libtorch {libtorch}); PyTorch {pytorch} (Debian python3-torch); Python {platform.python_version()}",
       f"- load average before / after: {before} / {after}" + (f" — {note}" if note else ""),
       "- one step = zero_grad + forward + backward + Adam step; the first step is a warm-up and not counted",
       "- share of peak = useful fp32 FLOP per step (6·B·fan_in·fan_out per layer) / step time / measured matmul peak", "",
       "| network | implementation | threads | median s/step | min | max | steps | GFLOP/step | share of peak |",
       "|---|---|---|---|---|---|---|---|---|"]
for r in rows:
    if r["net"].startswith("matmul"):
        continue
    out.append(f"| {r['net']} (depth {r['depth']}, batch {r['batch']}) | {r['impl']} | {r['threads']} | {r['median_s']:.3f} | "
               f"{r['min_s']:.3f} | {r['max_s']:.3f} | {r['steps']} | {r['gflop_per_step']} | {100 * r['share_of_peak']:.2f} % |")
out += ["", "| fp32 matmul 2048×2048 | threads | GFLOP/s (best of 10) |", "|---|---|---|"]
out += [f"| {impl} | {t} | {g} |" for (impl, t), g in sorted(peak.items())]
open(dst, "w").write("\n".join(out) + "\n")
print("\n".join(out))
PY
echo "bench: wrote $OUT.md and $OUT.jsonl" >&2
