#!/usr/bin/env python3
"""Prints the performance goals of benchboard from the newest self-benchmark run.

Usage: python3 Benchmarks/scripts/summarize.py [history-folder]
"""
import glob
import json
import os
import statistics
import sys

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
folder = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "output", "self", "history")
files = sorted(glob.glob(os.path.join(folder, "*.json")))
if not files:
    sys.exit(f"no run files in {folder}: run `.build/release/benchboard run --config Benchmarks/config.toml` first")
run = json.load(open(files[-1]))
by_name = {b["name"]: b for b in run["benchmarks"]}


def median_ms(name):
    b = by_name.get(name)
    if not b or b["outcome"] != "ok":
        return None
    return statistics.median(b["samplesNs"]) / 1e6


print(f"run {run['id']} ({run['buildConfiguration']}, {run['machine']['cpuModel']}, {run['machine']['cores']} cores)")

overheads = [b["resources"]["overheadMs"] for b in run["benchmarks"]
             if b["group"] == "isolation overhead" and b["outcome"] == "ok"]
static_c = median_ms("static C program")
empty = median_ms("empty Swift program")
if overheads:
    overhead = statistics.median(overheads)
    print(f"isolation overhead of a swift benchmark: median {overhead:.3f} ms over {len(overheads)} workers "
          f"(min {min(overheads):.3f}, max {max(overheads):.3f}; the first also starts the worker server)")
    if static_c is not None:
        print(f"spawn + reap of a static C program: median {static_c:.3f} ms")
    if empty is not None:
        print(f"spawn + reap of an empty Swift+Foundation program: median {empty:.3f} ms")
    if static_c is not None:
        ratio = overhead / static_c
        verdict = "meets" if ratio <= 3 else "MISSES"
        print(f"  goal overhead <= 3 x static C = {3 * static_c:.3f} ms: {verdict} (ratio {ratio:.2f}x)")
    if empty is not None:
        print(f"  overhead / empty Swift spawn: {overhead / empty:.2f}x")

true = by_name.get("/bin/true x1000")
hyperfine_path = os.path.join(os.environ.get("TMPDIR", "/tmp"), "benchboard-hyperfine-true.json")
if true and true["outcome"] == "ok":
    total_s = true["resources"]["totalMs"] / 1000
    mean_ms = statistics.mean(true["samplesNs"]) / 1e6
    print(f"/bin/true x1000 through benchboard: total {total_s:.3f} s, mean {mean_ms:.4f} ms, "
          f"max RSS {true['resources']['maxRSSBytes'] / 1024:.0f} KiB")
    hf = by_name.get("hyperfine -N --runs 1000 /bin/true")
    if hf and hf["outcome"] == "ok" and os.path.exists(hyperfine_path):
        hf_total = statistics.median(hf["samplesNs"]) / 1e9
        hf_mean = json.load(open(hyperfine_path))["results"][0]["mean"] * 1000
        print(f"hyperfine -N --runs 1000 /bin/true: total {hf_total:.3f} s (median of {len(hf['samplesNs'])}), mean {hf_mean:.4f} ms")
        print(f"  goal total <= hyperfine: {'meets' if total_s <= hf_total else 'MISSES'} ({total_s / hf_total:.2f}x); "
              f"mean within 5 %: {'meets' if abs(mean_ms / hf_mean - 1) <= 0.05 else 'MISSES'} ({(mean_ms / hf_mean - 1) * 100:+.1f} %)")

render = median_ms("report: 1000 runs x 100 benchmarks")
decode = median_ms("decode only: 1000 runs x 100 benchmarks")
if render is not None:
    line = f"report of 1000 runs x 100 benchmarks: median {render / 1000:.3f} s (goal <= 2 s: {'meets' if render <= 2000 else 'MISSES'})"
    if decode is not None:
        line += f"; decoding alone {decode / 1000:.3f} s, render/decode {render / decode:.2f}x"
    print(line)
