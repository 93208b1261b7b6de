#!/usr/bin/env python3
"""Lesson times: how long each lesson takes, quick and full, on this machine -- the times the front page and the
README show (nothing there is typed by hand).

    bench/lesson-times.py [--quick-runs 3] [--full-runs 1] [--note TEXT]      (after ./course build, machine quiet)

It runs, from a built checkout,

    ./course run --quick --jobs 1 --out <tmp>      --quick-runs times: each lesson alone, one after another
    ./course run --quick --out <tmp>               --quick-runs times: the quick course as a learner runs it
                                                   (lessons side by side, `course run`'s default --jobs)
    ./course run --jobs 1 --out <tmp>              --full-runs times: full-length lessons, one after another

and reads each lesson's wall time from the run's own record (<tmp>/runs.json). A run in which a lesson fails
stops the script and writes nothing: a failed lesson's time is not the lesson's time. It writes

    bench/results/lesson-times.json    per lesson: quick and full median, min, max, n; the quick course's
                                       notebook time and wall time; machine, versions, commit, load
    bench/results/lesson-times.md      the same as a table
    README.md                          the quick and full columns of the lessons table (between the
                                       <!-- lesson-times --> markers) and the line under it

(one current file per benchmark; git keeps the earlier ones). The site reads the .json (Depth.Notebooks'
LessonTimes). Full mode of lessons 07 and 08 takes about 20 minutes of the run; a timing needs a quiet machine:
run nothing else meanwhile.
"""
import argparse
import datetime
import json
import os
import pathlib
import platform
import re
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
README = ROOT / "README.md"
BEGIN, END = "<!-- lesson-times:begin -->", "<!-- lesson-times:end -->"


def fmt(seconds):
    """A time as the front page prints it (Depth.Notebooks' LessonTimes.Format): "14 s", "3 min 05 s"."""
    if seconds is None:
        return "not measured yet"
    if seconds < 59.5:
        return f"{max(1, round(seconds))} s"
    r = round(seconds)
    return f"{r // 60} min {r % 60:02} s"


def stats(values):
    return dict(median=round(statistics.median(values), 1), min=round(min(values), 1), max=round(max(values), 1),
                n=len(values)) if values else None


def seconds_of(timespan):
    h, m, s = timespan.split(":")
    return int(h) * 3600 + int(m) * 60 + float(s)


def run_course(args, label, workdir):
    """One `./course run` with args; returns (per-lesson seconds, notebook seconds, wall seconds). Exits on failure."""
    out = pathlib.Path(tempfile.mkdtemp(prefix=label + "-", dir=workdir))
    cmd = [str(ROOT / "course"), "run", *args, "--out", str(out)]
    print(f"{label}: {' '.join(cmd[1:])}", flush=True)
    start = time.time()
    proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
    wall = time.time() - start
    try:
        runs = json.loads((out / "runs.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        sys.exit(f"lesson-times.py: {label}: no run record in {out} ({e}); the run printed:\n"
                 + "\n".join(proc.stdout.splitlines()[-8:]) + proc.stderr[-1500:])
    failed = [r["Name"] for r in runs if not r["Succeeded"]]
    if proc.returncode != 0 or failed:
        sys.exit(f"lesson-times.py: {label}: exit {proc.returncode}, failed: {', '.join(failed) or 'none'}; "
                 f"nothing written. The run printed:\n" + "\n".join(proc.stdout.splitlines()[-8:]))
    per_lesson = {r["Name"]: seconds_of(r["Elapsed"]) for r in runs}
    kernel = next((l.split(":", 1)[1].strip() for l in proc.stdout.splitlines() if l.startswith("kernel:")), "?")
    print(f"{label}: {len(per_lesson)} lessons, {sum(per_lesson.values()):.1f} s of notebooks, {wall:.1f} s wall",
          flush=True)
    return per_lesson, sum(per_lesson.values()), wall, kernel


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
               platform.processor())
    mem = next((int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")), 0)
    return f"{cpu}, {os.cpu_count()} cores, {mem / 1024 / 1024:.0f} GB"


def git(*args):
    return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def readme_table(lessons, note):
    """README's lessons table with the quick and full columns from lessons; the rest of each row is kept."""
    text = README.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        sys.exit(f"lesson-times.py: README.md has no {BEGIN} … {END} markers around the lessons table")
    head, rest = text.split(BEGIN, 1)
    table, tail = rest.split(END, 1)
    rows = []
    for line in table.strip("\n").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        name = re.fullmatch(r"`([^`]+)`", cells[1]).group(1) if len(cells) > 1 and cells[1].startswith("`") else None
        if name is not None:
            entry = lessons.get(name, {})
            cells[-2] = fmt((entry.get("quick") or {}).get("median"))
            cells[-1] = fmt((entry.get("full") or {}).get("median"))
        if not line.strip() or line.startswith("Times: "):
            continue
        rows.append(line if name is None else "| " + " | ".join(cells) + " |")
    rows.append("")
    rows.append(note)
    README.write_text(head + BEGIN + "\n" + "\n".join(rows) + "\n" + END + tail, encoding="utf-8")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick-runs", type=int, default=3, help="quick-mode runs of each kind (default 3)")
    ap.add_argument("--full-runs", type=int, default=1, help="full-length runs (default 1; about 40 min each)")
    ap.add_argument("--note", default="", help="a line for the table (e.g. what else ran)")
    a = ap.parse_args()
    if a.quick_runs < 1 or a.full_runs < 1:
        sys.exit("lesson-times.py: --quick-runs and --full-runs must be at least 1")
    load_before = open("/proc/loadavg").read().split()[:3]
    quick, course_notebooks, course_wall, full = {}, [], [], {}
    with tempfile.TemporaryDirectory(prefix="lesson-times-") as work:
        for i in range(a.quick_runs):
            per, _, _, kernel = run_course(["--quick", "--jobs", "1"], f"quick-alone-{i + 1}", work)
            for name, s in per.items():
                quick.setdefault(name, []).append(s)
            _, notebooks, wall, _ = run_course(["--quick"], f"quick-course-{i + 1}", work)
            course_notebooks.append(notebooks)
            course_wall.append(wall)
        for i in range(a.full_runs):
            per, _, _, _ = run_course(["--jobs", "1"], f"full-{i + 1}", work)
            for name, s in per.items():
                full.setdefault(name, []).append(s)
    load_after = open("/proc/loadavg").read().split()[:3]
    names = sorted(set(quick) | set(full))
    lessons = {n: dict(name=n, quick=stats(quick.get(n, [])), full=stats(full.get(n, []))) for n in names}
    measured = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ")
    commit = git("rev-parse", "--short", "HEAD") + ("-dirty" if git("status", "--porcelain", "--untracked-files=no") else "")
    record = dict(machine=machine(), commit=commit, measured=measured, kernel=kernel,
                  platform=f"{platform.system()} {platform.release()}", load_before=load_before,
                  load_after=load_after, note=a.note,
                  quick_course=dict(notebooks=stats(course_notebooks), wall=stats(course_wall)),
                  lessons=list(lessons.values()))
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "lesson-times.json").write_text(json.dumps(record, indent=1) + "\n", encoding="utf-8")
    md = [f"# Lesson times ({measured})", "",
          f"Machine: {record['machine']} ({record['platform']}); kernel {kernel}; commit {commit}; load before "
          f"{' '.join(load_before)}, after {' '.join(load_after)}." + (f" {a.note}" if a.note else ""), "",
          f"Each lesson alone (`./course run [--quick] --jobs 1`): median (min–max) of n runs, seconds.", "",
          "| lesson | quick | n | full | n |", "|---|---|---|---|---|"]
    for n in names:
        q, f = lessons[n]["quick"], lessons[n]["full"]
        cell = lambda s: "–" if s is None else f"{s['median']:.1f} ({s['min']:.1f}–{s['max']:.1f})"
        md.append(f"| {n} | {cell(q)} | {q['n'] if q else 0} | {cell(f)} | {f['n'] if f else 0} |")
    qc = record["quick_course"]
    md += ["", f"The quick course as a learner runs it (`./course run --quick`, lessons side by side): "
               f"{qc['notebooks']['median']:.1f} s of notebooks ({qc['notebooks']['min']:.1f}–{qc['notebooks']['max']:.1f}), "
               f"{qc['wall']['median']:.1f} s wall ({qc['wall']['min']:.1f}–{qc['wall']['max']:.1f}), "
               f"{qc['wall']['n']} runs."]
    (RESULTS / "lesson-times.md").write_text("\n".join(md) + "\n", encoding="utf-8")
    readme_table(lessons, f"Times: median wall time of each lesson run alone on {record['machine']}, measured "
                          f"{measured[:10]} by `bench/lesson-times.py`; the whole quick course, lessons side by side, "
                          f"takes {fmt(qc['wall']['median'])}.")
    print(f"written: {RESULTS / 'lesson-times.json'}, {RESULTS / 'lesson-times.md'}, README.md")


if __name__ == "__main__":
    main()
