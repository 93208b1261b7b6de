#!/usr/bin/env python3
"""Robustness run: every lesson claim over CPU paths x seeds (x torch threads), worst margin per claim.

libtorch picks its CPU kernels at run time; ATEN_CPU_CAPABILITY=default|avx2|avx512 forces each path, and the
same seed gives different numbers on different paths. A learner may type any seed. This script runs

    ./course run <notebooks> --quick --param seed=N          (or without --quick with --full)

once per (CPU path, seed, thread count) and reads the claim lines the executed notebooks printed:

    ✓ [04.relu-he] statement (detail) ⟨ReLU·He test accuracy 0.54 > 0.35; ...⟩

Seeds are drawn afresh at every invocation (--draw N: N distinct seeds from os.urandom, uniform in 1..10000,
printed in the report), so no claim can be tuned to a fixed set of seeds; --seeds gives fixed ones instead
(acceptance runs, determinism checks). CPU paths: "native" = the machine's own (ATEN_CPU_CAPABILITY unset),
"default" = libtorch's portable kernels, "avx2", "avx512". Threads: "lesson" = each lesson's own
TorchThreads.Use choice, or counts forced through COURSE_TORCH_THREADS.

Per claim id it writes the worst relative margin over all runs and where it happened (path, seed, threads) --
margin of a bound: (value - threshold) / |threshold| for ">", (threshold - value) / |threshold| for "<"; a claim's
margin is its smallest bound's -- to bench/results/robustness-<name>.md, and the raw runs to
robustness-<name>.jsonl; <name> is quick or full unless --name says otherwise. Both files are overwritten (one
current file per benchmark; git keeps the history). Rule (bench/CLAIMS.md): worst margin >= 0.10.

Examples:
    bench/robustness.py                                   # every lesson, quick, 12 drawn seeds x native, default
    bench/robustness.py 03-overfitting 05-degradation-and-identity-mappings      # two lessons, same matrix
    bench/robustness.py --full --draw 3 03-overfitting    # full mode on 3 drawn seeds
    bench/robustness.py 04-vanishing-gradients --paths avx2 --seeds 1 --threads 1 --repeat 2 --name determinism
    bench/robustness.py 04-vanishing-gradients --runs default:2:1,native:7:lesson --name check   # chosen runs
    bench/robustness.py --table bench/results/robustness-quick.jsonl  # rebuild a table from raw runs
Exit status: 0 when every claim held in every run and no run failed otherwise, 1 otherwise.
"""
import argparse
import datetime
import itertools
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
RULE = 0.10  # worst relative margin a claim must keep (bench/CLAIMS.md)
NATIVE = "native"  # the machine's own CPU path: ATEN_CPU_CAPABILITY unset
LESSON = "lesson"  # each lesson's own thread count: COURSE_TORCH_THREADS unset
PATHS = (NATIVE, "default", "avx2", "avx512")
SEED_RANGE = (1, 10000)  # drawn seeds are uniform in this range
CLAIM = re.compile(r"^(?P<mark>[✓✗]) (?:\[(?P<id>[^\]]+)\] )?(?P<rest>.*)$")
BOUNDS = re.compile(r" ⟨(?P<bounds>[^⟨⟩]*)⟩$")
BOUND = re.compile(r"^(?P<name>.+) (?P<value>\S+) (?P<op>[<>]) (?P<threshold>\S+)$")


def draw_seeds(n):
    """n distinct seeds, uniform in SEED_RANGE, from the operating system's entropy (not reproducible on purpose:
    a claim must hold for seeds nobody chose)."""
    lo, hi = SEED_RANGE
    seeds = []
    while len(seeds) < n:
        s = lo + int.from_bytes(os.urandom(4), "little") % (hi - lo + 1)
        if s not in seeds:
            seeds.append(s)
    return seeds


def parse_number(text):
    text = text.replace("∞", "inf")
    return float(text)


def margin(value, op, threshold):
    if value != value:  # NaN
        return float("-inf")
    d = value - threshold if op == ">" else threshold - value
    return d if threshold == 0 else d / abs(threshold)


def parse_claim(line):
    """One ✓/✗ line -> dict(id, holds, statement, bounds=[{name, value, op, threshold, margin}])."""
    m = CLAIM.match(line)
    if not m:
        return None
    rest, bounds = m.group("rest"), []
    b = BOUNDS.search(rest)
    if b:
        rest = rest[: b.start()]
        for part in b.group("bounds").split("; "):
            p = BOUND.match(part.strip())
            if not p:
                continue
            v, t = parse_number(p.group("value")), parse_number(p.group("threshold"))
            bounds.append(dict(name=p.group("name"), value=v, op=p.group("op"), threshold=t,
                               margin=margin(v, p.group("op"), t)))
    return dict(id=m.group("id"), holds=m.group("mark") == "✓", statement=rest, bounds=bounds)


def stream_lines(notebook_path):
    """Every line of every stream output, and the error outputs, of an executed notebook."""
    nb = json.loads(notebook_path.read_text(encoding="utf-8"))
    lines, errors = [], []
    for cell in nb.get("cells", []):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream":
                text = out.get("text", "")
                lines.extend(("".join(text) if isinstance(text, list) else text).split("\n"))
            elif out.get("output_type") == "error":
                errors.append(f"{out.get('ename')}: {out.get('evalue')}"[:300])
    return lines, errors


def run_one(notebooks, path, seed, threads, full, nice, workdir, cell_timeout=None):
    name = f"{'full' if full else 'quick'}-{path}-s{seed}-t{threads}"
    out = pathlib.Path(tempfile.mkdtemp(prefix=name + "-", dir=workdir))
    cmd = ([] if nice is None else ["nice", "-n", str(nice)]) + [str(ROOT / "course"), "run", *notebooks]
    cmd += (["--quick"] if not full else []) + ["--param", f"seed={seed}", "--out", str(out)]
    cmd += ["--cell-timeout", str(cell_timeout)] if cell_timeout else []
    env = {k: v for k, v in os.environ.items() if k not in ("ATEN_CPU_CAPABILITY", "COURSE_TORCH_THREADS")}
    if path != NATIVE:
        env["ATEN_CPU_CAPABILITY"] = path
    if threads != LESSON:
        env["COURSE_TORCH_THREADS"] = str(threads)
    # libgomp's threads spin at every barrier by default; with more runs than cores (a loaded machine,
    # or several lanes of this script) a 2-thread run spins away the time slices of the others (one
    # quick 2-thread run of lessons 03-07 had not finished after 23 min beside five other runs on 2
    # cores; passive, the same setting took 16 min beside five). Waiting passively changes no number.
    env.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    start = time.time()
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.time() - start
    records, elapsed = [], {}
    try:  # course run's own record: seconds per notebook
        for nb in json.loads((out / "runs.json").read_text(encoding="utf-8")):
            h, m, sec = nb["Elapsed"].split(":")
            elapsed[nb["Name"]] = round(int(h) * 3600 + int(m) * 60 + float(sec), 1)
    except (OSError, ValueError, KeyError):
        pass
    for nb_path in sorted(out.glob("*.ipynb")):
        lines, errors = stream_lines(nb_path)
        claims = [c for c in (parse_claim(l) for l in lines) if c]
        records.append(dict(notebook=nb_path.stem, claims=claims, errors=errors, seconds=elapsed.get(nb_path.stem)))
    tail = [l for l in proc.stdout.splitlines() if not re.search(r"cell \d+ of \d+", l)][-12:]
    return dict(run=name, path=path, seed=seed, threads=threads, full=full, exit=proc.returncode,
                seconds=round(seconds, 1), notebooks=records, stdout_tail=tail, stderr_tail=proc.stderr[-2000:])


def summarise(runs):
    """Per claim id: runs seen, held, worst margin (and where), value range per bound."""
    table = {}
    for r in runs:
        where = f"{r['path']} s{r['seed']}{'' if r['threads'] == LESSON else ' t' + str(r['threads'])}" \
                f"{' full' if r['full'] else ''}"
        for nb in r["notebooks"]:
            for i, c in enumerate(nb["claims"]):
                key = c["id"] or f"{nb['notebook'][:2]}.#{i + 1} (no id)"
                row = table.setdefault(key, dict(id=key, statement=c["statement"], runs=0, held=0,
                                                 worst=None, worst_at="", bounds={}, notebook=nb["notebook"]))
                row["runs"] += 1
                row["held"] += c["holds"]
                if c["bounds"]:
                    m = min(b["margin"] for b in c["bounds"])
                    if row["worst"] is None or m < row["worst"]:
                        row["worst"], row["worst_at"] = m, where
                    for b in c["bounds"]:
                        s = row["bounds"].setdefault(b["name"], dict(op=b["op"], threshold=b["threshold"],
                                                                     lo=b["value"], hi=b["value"]))
                        s["lo"], s["hi"] = min(s["lo"], b["value"]), max(s["hi"], b["value"])
    for row in table.values():
        row["expected"] = sum(any(nb["notebook"] == row["notebook"] for nb in r["notebooks"]) for r in runs)
    return table


def verdict(row, expected_runs=None):
    expected_runs = row.get("expected", expected_runs)
    if row["held"] < row["runs"]:
        return "FAIL"
    if row["runs"] < expected_runs:
        return "MISSING"
    if row["worst"] is None:
        return "exact"
    return "ok" if row["worst"] >= RULE else "thin"


def fmt(x):
    return "–" if x is None else f"{x:.3g}"


def determinism(runs):
    """Runs with the same (path, seed, threads, mode) must print identical numbers: every claim that two
    or more of them printed is compared (runs of one setting may cover different notebooks)."""
    groups, report = {}, []
    for r in runs:
        key = (r["path"], r["seed"], r["threads"], r["full"])
        seen = groups.setdefault(key, {})
        for nb in r["notebooks"]:
            for c in nb["claims"]:
                values = (c["holds"], tuple(b["value"] for b in c["bounds"]))
                seen.setdefault((nb["notebook"], c["id"]), []).append(values)
    for key, seen in groups.items():
        repeated = {k: v for k, v in seen.items() if len(v) > 1}
        if repeated:
            differ = sorted(f"{k[1]}" for k, v in repeated.items() if any(x != v[0] for x in v[1:]))
            report.append(f"- {key[0]} seed {key[1]} threads {key[2]}: {len(repeated)} claims printed by "
                          f"2+ fresh runs, " + (f"NUMBERS DIFFER: {', '.join(differ)}" if differ
                                                else "identical numbers"))
    return report


def markdown(runs, table, args, seconds):
    expected = len(runs)
    drawn = f" (drawn from os.urandom, uniform in {SEED_RANGE[0]}..{SEED_RANGE[1]})" if args.drawn else ""
    lines = [f"# Claim robustness ({datetime.datetime.now(datetime.timezone.utc):%Y-%m-%d %H:%M} UTC)", "",
             f"Mode: {'full' if args.full else 'quick'}; CPU paths {', '.join(args.paths)} (native = the machine's "
             f"own, ATEN_CPU_CAPABILITY unset); seeds {', '.join(map(str, args.seeds))}{drawn}; torch threads "
             f"{', '.join(map(str, args.threads))} (lesson = each lesson's own choice)"
             f"{'; repeat ' + str(args.repeat) if args.repeat > 1 else ''}; notebooks: "
             f"{', '.join(args.notebooks) or 'all'}. {len(runs)} runs, {seconds / 60:.1f} min wall "
             f"(under nice, on a shared machine: not a timing). Commit {args.commit}.", "",
             f"Margin of a bound = (value − threshold)/|threshold| for \">\", (threshold − value)/|threshold| "
             f"for \"<\"; a claim's margin is its smallest bound's; worst = minimum over runs, \"worst at\" = the "
             f"run it came from (path, seed). Rule: worst margin ≥ {RULE:.2f} (\"ok\"), else \"thin\"; "
             f"\"exact\" = no threshold (holds or not).", "",
             "| claim | held | worst margin | worst at | bounds: range over runs (op threshold) | verdict |",
             "|---|---|---|---|---|---|"]
    for key in sorted(table):
        row = table[key]
        bounds = "; ".join(f"{n} {fmt(s['lo'])}…{fmt(s['hi'])} ({s['op']} {fmt(s['threshold'])})"
                           for n, s in row["bounds"].items()) or "–"
        lines.append(f"| {key} | {row['held']}/{row['runs']} | {fmt(row['worst'])} | {row['worst_at'] or '–'} | "
                     f"{bounds} | {verdict(row, expected)} |")
    lines += ["", "## Runs", "", "| run | exit | seconds | claims ✓/✗ | errors |", "|---|---|---|---|---|"]
    for r in runs:
        held = sum(c["holds"] for nb in r["notebooks"] for c in nb["claims"])
        total = sum(len(nb["claims"]) for nb in r["notebooks"])
        errors = "; ".join(f"{nb['notebook']}: {e}" for nb in r["notebooks"] for e in nb["errors"])
        lines.append(f"| {r['run']} | {r['exit']} | {r['seconds'] if r['seconds'] is not None else '–'} | "
                     f"{held}/{total - held} | "
                     f"{errors.replace('|', '/')[:400] or '–'} |")
    times = {}
    for r in runs:
        for nb in r["notebooks"]:
            if nb.get("seconds") is not None:
                times.setdefault(nb["notebook"], []).append(nb["seconds"])
    if times:
        lines += ["", "## Seconds per lesson (wall, on a shared machine)", "", "| lesson | runs | min | median | max |",
                  "|---|---|---|---|---|"]
        for name in sorted(times):
            t = sorted(times[name])
            lines.append(f"| {name} | {len(t)} | {t[0]:.1f} | {t[len(t) // 2]:.1f} | {t[-1]:.1f} |")
    det = determinism(runs)
    if det:
        lines += ["", "## Determinism (fresh processes, same settings)", ""] + det
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("notebooks", nargs="*", help="notebook names or paths (default: every lesson)")
    ap.add_argument("--paths", default=f"{NATIVE},default",
                    help=f"CPU paths, comma-separated: {', '.join(PATHS)} (native = ATEN_CPU_CAPABILITY unset)")
    ap.add_argument("--draw", type=int, default=None,
                    help="draw this many seeds afresh from os.urandom, uniform in 1..10000 (default 12 in quick "
                    "mode, 3 in full mode; ignored with --seeds)")
    ap.add_argument("--seeds", default="", help="fixed seeds, comma-separated, instead of drawn ones")
    ap.add_argument("--threads", default=LESSON,
                    help="torch thread counts (COURSE_TORCH_THREADS), comma-separated; lesson = the lesson's own")
    ap.add_argument("--name", default=None, help="the table's name: bench/results/robustness-<name>.md and .jsonl "
                    "(default quick or full)")
    ap.add_argument("--full", action="store_true", help="full mode instead of --quick (slow: lessons 07 and 08 take 12-20 min each)")
    ap.add_argument("--repeat", type=int, default=1, help="fresh runs per setting (determinism check)")
    ap.add_argument("--nice", type=int, default=10, help="niceness of the runs (-1: not niced)")
    ap.add_argument("--cell-timeout", type=float, default=None,
                    help="minutes a cell may run (course run's --cell-timeout; raise it on a loaded machine)")
    ap.add_argument("--out", default=str(ROOT / "bench" / "results"), help="folder for the table and raw data")
    ap.add_argument("--runs", default="", help="explicit runs path:seed:threads, comma-separated, in this order "
                    "(instead of the --paths x --seeds x --threads product)")
    ap.add_argument("--table", nargs="+", metavar="RAW", help="only rebuild the table from raw .jsonl files")
    args = ap.parse_args()
    def thread_count(t):
        return t if t == LESSON else int(t)

    if args.runs:
        try:
            explicit = [(p, int(s), thread_count(t)) for p, s, t in (r.split(":") for r in args.runs.split(",") if r)]
        except ValueError:
            sys.exit("robustness: --runs takes path:seed:threads items, e.g. default:2:1,native:7:lesson")
        args.paths = ",".join(dict.fromkeys(p for p, _, _ in explicit))
        args.seeds = ",".join(dict.fromkeys(str(s) for _, s, _ in explicit))
        args.threads = ",".join(dict.fromkeys(str(t) for _, _, t in explicit))
    args.paths = [p for p in args.paths.split(",") if p]
    bad = [p for p in args.paths if p not in PATHS]
    if bad:
        sys.exit(f"robustness: unknown CPU path {bad[0]!r}; use {', '.join(PATHS)}")
    try:
        args.drawn = not args.seeds and not args.table
        args.seeds = ([int(s) for s in args.seeds.split(",") if s] if args.seeds
                      else draw_seeds(args.draw if args.draw is not None else 3 if args.full else 12))
        args.threads = [thread_count(t) for t in args.threads.split(",") if t]
    except ValueError as e:
        sys.exit(f"robustness: seeds and threads are comma-separated integers, threads may be 'lesson' ({e})")
    if args.repeat < 1 or any(t != LESSON and t < 1 for t in args.threads):
        sys.exit("robustness: --repeat and thread counts must be at least 1")
    try:
        args.commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                     text=True).stdout.strip() or "unknown"
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "notebooks", "lib"], cwd=ROOT,
                               capture_output=True, text=True).stdout.strip()
        args.commit += " (with uncommitted changes to notebooks/ or lib/)" if dirty else ""
    except OSError:
        args.commit = "unknown"
    if args.table:
        runs = [json.loads(l) for f in args.table for l in pathlib.Path(f).read_text(encoding="utf-8").splitlines() if l]
        args.paths = sorted({r["path"] for r in runs})
        args.seeds = sorted({r["seed"] for r in runs})
        args.threads = sorted({r["threads"] for r in runs})
        args.full = any(r["full"] for r in runs)
        args.drawn = False
        print(markdown(runs, summarise(runs), args, sum(r["seconds"] or 0 for r in runs)), end="")
        return
    out = pathlib.Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    name = args.name or ("full" if args.full else "quick")
    raw_path, md_path = out / f"robustness-{name}.jsonl", out / f"robustness-{name}.md"
    raw_path.write_text("", encoding="utf-8")
    print(f"seeds: {', '.join(map(str, args.seeds))}{' (drawn)' if args.drawn else ''}; "
          f"paths: {', '.join(args.paths)}; threads: {', '.join(map(str, args.threads))}", flush=True)
    work = tempfile.mkdtemp(prefix="robustness-")
    runs, start = [], time.time()
    combos = ([(p, s, t, k) for p, s, t in explicit for k in range(args.repeat)] if args.runs
              else list(itertools.product(args.paths, args.seeds, args.threads, range(args.repeat))))
    for n, (path, seed, threads, _) in enumerate(combos, 1):
        print(f"[{n}/{len(combos)}] {path} seed {seed} threads {threads} ...", end=" ", flush=True)
        r = run_one(args.notebooks, path, seed, threads, args.full, None if args.nice < 0 else args.nice, work,
                    args.cell_timeout)
        runs.append(r)
        with raw_path.open("a", encoding="utf-8") as f:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
        failed = [c.get("id") for nb in r["notebooks"] for c in nb["claims"] if not c["holds"]]
        print(f"exit {r['exit']}, {r['seconds']} s{', failed: ' + ', '.join(map(str, failed)) if failed else ''}")
        md_path.write_text(markdown(runs, summarise(runs), args, time.time() - start), encoding="utf-8")
    table = summarise(runs)
    md_path.write_text(markdown(runs, table, args, time.time() - start), encoding="utf-8")
    print(md_path.read_text(encoding="utf-8"))
    print(f"written: {md_path} and {raw_path}")
    bad_claims = [k for k, row in table.items() if verdict(row, len(runs)) in ("FAIL", "MISSING")]
    sys.exit(1 if bad_claims or any(r["exit"] != 0 for r in runs) else 0)


if __name__ == "__main__":
    main()
