#!/usr/bin/env python3
"""What rounds cost and what they show: the default suite with --rounds 1, 3, 5, 8.

Runs config.toml (the default suite) with the release build, REPEAT times per rounds setting,
the settings interleaved so drift spreads over all of them, each into a history of its own, and
prints per setting:

- the suite's wall time (spawn to exit of `benchboard run --no-report`), median over the repeats,
  and its ratio to --rounds 1 (what a run cost before rounds);
- for the Swift benchmarks, the between-process spread against the within-process spread:
  `between` is the relative standard deviation of the per-process medians, `expected` what the
  within-process noise alone would give them (1.2533 x the relative standard deviation of the
  samples inside a process / sqrt(samples per process), the standard error of a median), and
  `ratio` = between / expected. A ratio near 1 means processes agree as well as their samples
  do; well above 1 means each process lands in a mode of its own, which one process per
  benchmark can never show.

It also prints the CPU time of every process of the suite (summed user + system), which a
loaded machine moves far less than wall time, and the median `machineBusy` of the processes, so
a run on a busy machine says so. `--analyze DIR` prints the figures of histories already made.

    swift build -c release && python3 Benchmarks/scripts/rounds.py [REPEAT]
    python3 Benchmarks/scripts/rounds.py --analyze /tmp/benchboard-rounds-XXXX
"""
import glob
import json
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = os.path.join(root, ".build", "release", "benchboard")
settings = [1, 3, 5, 8]
repeat = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 3


def suite(history):
    """config.toml with its history moved to `history`, beside it so its commands find their files."""
    with open(os.path.join(root, "config.toml")) as handle:
        text = handle.read()
    text = text.replace('output = "output"', f'output = "{history}/output"')
    text = text.replace('history = "output/history"', f'history = "{history}"')
    path = os.path.join(root, f".rounds-{os.path.basename(history)}.toml")
    with open(path, "w") as handle:
        handle.write(text)
    return path


def run(rounds, history):
    config = suite(history)
    try:
        started = time.monotonic()
        subprocess.run(
            [binary, "run", "--no-report", "--quiet", "--rounds", str(rounds), "--config", config],
            cwd=root, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        return time.monotonic() - started
    finally:
        os.remove(config)


def spreads(benchmark):
    samples = benchmark["samplesNs"]
    processes = benchmark.get("processes") or []
    groups, start = [], 0
    for process in processes:
        groups.append(samples[start:start + process["samples"]])
        start += process["samples"]
    groups = [g for g in groups if len(g) >= 2]
    if len(groups) < 2:
        return None
    medians = [statistics.median(g) for g in groups]
    between = statistics.stdev(medians) / statistics.mean(medians)
    within = statistics.median(statistics.stdev(g) / statistics.mean(g) for g in groups)
    per = statistics.mean(len(g) for g in groups)
    expected = 1.2533 * within / math.sqrt(per)
    return between, within, expected


def runs(folder):
    for path in sorted(glob.glob(os.path.join(folder, "*.json"))):
        with open(path) as handle:
            yield json.load(handle)


def cpu_seconds(run_file):
    """CPU time of every process the suite ran: less moved by a loaded machine than wall time."""
    total = 0
    for benchmark in run_file["benchmarks"]:
        resources = benchmark["resources"]
        total += (resources.get("cpuUserUs") or 0) + (resources.get("cpuSystemUs") or 0)
    return total / 1e6


def report(scratch, walls):
    base_wall = statistics.median(walls[1]) if walls.get(1) else None
    base_cpu = statistics.median(cpu_seconds(r) for r in runs(os.path.join(scratch, "r1")))
    print(f"{'rounds':>6} {'wall s':>7} {'x r1':>5} {'cpu s':>6} {'x r1':>5} {'busy':>5} "
          f"{'between':>8} {'within':>7} {'expected':>9} {'ratio':>6}")
    for rounds in settings:
        files = list(runs(os.path.join(scratch, f"r{rounds}")))
        if not files:
            continue
        found, busy = [], []
        for run_file in files:
            for benchmark in run_file["benchmarks"]:
                busy += [p["machineBusy"] for p in benchmark.get("processes") or [] if p.get("machineBusy") is not None]
                if benchmark["kind"] == "swift" and benchmark["outcome"] == "ok":
                    figures = spreads(benchmark)
                    if figures:
                        found.append(figures)
        cpu = statistics.median(cpu_seconds(r) for r in files)
        wall = statistics.median(walls[rounds]) if walls.get(rounds) else float("nan")
        line = f"{rounds:>6} {wall:>7.1f} {wall / base_wall if base_wall else float('nan'):>5.2f} {cpu:>6.1f} {cpu / base_cpu:>5.2f} "
        line += f"{statistics.median(busy) if busy else float('nan'):>5.0%} "
        if found:
            between = statistics.median(f[0] for f in found)
            within = statistics.median(f[1] for f in found)
            expected = statistics.median(f[2] for f in found)
            ratio = statistics.median(f[0] / f[2] for f in found if f[2] > 0)
            line += f"{between:>8.1%} {within:>7.1%} {expected:>9.1%} {ratio:>6.1f}"
        print(line)
    print(f"(histories in {scratch}; busy: the median machineBusy of the processes)")


def main():
    if len(sys.argv) > 2 and sys.argv[1] == "--analyze":
        report(sys.argv[2], {})
        return
    scratch = tempfile.mkdtemp(prefix="benchboard-rounds-")
    walls = {r: [] for r in settings}
    for index in range(repeat):
        for rounds in settings:
            walls[rounds].append(run(rounds, os.path.join(scratch, f"r{rounds}")))
            print(f"  pass {index + 1}/{repeat}, --rounds {rounds}: {walls[rounds][-1]:.2f} s", file=sys.stderr)
    report(scratch, walls)


main()
