#!/bin/sh
# Side by side: training-step times of the course's 10,000-layer networks in TorchSharp (bench/Depth.Benchmarks
# `steps`) and in PyTorch (bench/pytorch_steps.py, Debian's python3-torch), 1 and 2 threads, with each machine's
# measured fp32 matmul peak and each step's share of it. Overwrites bench/results/steps.{jsonl,md} (git keeps the
# earlier tables). Each library's processes run --runs times, in turn (A B A B …): on this virtual machine one process
# can be 30 % slower than the next throughout, so the table takes the median over the runs' medians.
#
#   bench/run-steps.sh [--depth N] [--steps N] [--runs N] [--note TEXT]     (after ./course build)
#
# Needs python3 with torch (Debian: apt-get install python3-torch); installs nothing.
set -eu
ROOT=$(CDPATH= cd -- "$(dirname -- "$0")/.." && pwd)
DEPTH=10000 STEPS=5 RUNS=3 NOTE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --depth) DEPTH=$2; shift 2 ;;
    --steps) STEPS=$2; shift 2 ;;
    --runs) RUNS=$2; shift 2 ;;
    --note) NOTE=$2; shift 2 ;;
    *) echo "run-steps.sh: unknown argument '$1' (use --depth N, --steps N, --runs N, --note TEXT)" >&2; exit 2 ;;
  esac
done
# The first Python that imports torch: PATH's python3 (it may be a pyenv or venv one), then Debian's own.
PY=""
for candidate in python3 /usr/bin/python3; do
  if "$candidate" -c 'import torch' 2>/dev/null; then PY=$candidate; break; fi
done
[ -n "$PY" ] || { echo "run-steps.sh: no python3 can import torch; install Debian's python3-torch" >&2; exit 1; }
OUT="$ROOT/bench/results/steps"
mkdir -p "$ROOT/bench/results"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
# TorchSharp runs in the environment ./course gives the lessons (lesson_environment there): OpenMP threads wait
# passively, glibc maps large blocks with transparent huge pages, .NET's Vector<T> may be 512 bits. PyTorch keeps its
# own OpenMP default (spinning): passive waiting made its CNN step at 2 threads 5.8 -> 8.0 s.
# One PyTorch process per thread count: Debian's torch calls the system BLAS, and OpenBLAS sizes its own thread pool
# from OPENBLAS_NUM_THREADS at load time (torch.set_num_threads does not reach it).
# The glibc heap settings the course's library makes with mallopt (lib/Depth/Runtime/NativeHeap.cs: KeepBelowBytes and
# twice that): freed blocks below 64 MiB are reused instead of being unmapped and faulted in again every step, for
# PyTorch as for TorchSharp.
: > "$OUT.jsonl"
run=1
while [ "$run" -le "$RUNS" ]; do
  OMP_WAIT_POLICY=PASSIVE GLIBC_TUNABLES=glibc.malloc.hugetlb=1 DOTNET_MaxVectorTBitWidth=512 DOTNET_TieredCompilation=0 \
  "$ROOT/course" exec "$ROOT/bench/Depth.Benchmarks/bin/Release/net10.0/Depth.Benchmarks" steps "$DEPTH" "$STEPS" 1 2 >> "$OUT.jsonl"
  for T in 1 2; do
    MALLOC_MMAP_THRESHOLD_=67108864 MALLOC_TRIM_THRESHOLD_=134217728 OPENBLAS_NUM_THREADS=$T "$PY" "$ROOT/bench/pytorch_steps.py" --depth "$DEPTH" --steps "$STEPS" --threads $T >> "$OUT.jsonl"
  done
  run=$((run + 1))
done
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
"$PY" "$ROOT/bench/steps_table.py" "$OUT.jsonl" "$OUT.md" "$LOAD_BEFORE" "$LOAD_AFTER" "$NOTE"
echo "bench: wrote $OUT.md and $OUT.jsonl" >&2
