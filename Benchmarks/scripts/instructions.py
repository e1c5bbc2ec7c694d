#!/usr/bin/env python3
"""The default suite under metric = "instructions": spread of the counts and valgrind's slowdown.

Runs Benchmarks/instructions.toml twice with the release build, once counting instructions and once
timing the same benchmarks natively (the same file with metric = "time"), and prints per benchmark
the median count, how far the counts of its iterations lie apart ((max - min) / median), the
median wall time per iteration under valgrind and natively, and their ratio.

    swift build -c release && python3 Benchmarks/scripts/instructions.py
"""
import glob
import json
import os
import statistics
import subprocess
import sys
import tempfile

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
binary = os.path.join(root, ".build", "release", "benchboard")
config = os.path.join(root, "Benchmarks", "instructions.toml")


def run(config_path, output):
    text = open(config_path).read().replace('output = "/tmp/benchboard-instructions"', f'output = "{output}"')
    # Next to the original, so its relative paths resolve the same way.
    with tempfile.NamedTemporaryFile("w", suffix=".toml", dir=os.path.dirname(config_path), delete=False) as f:
        f.write(text)
        path = f.name
    try:
        subprocess.run([binary, "run", "--config", path, "--no-report", "--quiet"], check=False)
    finally:
        os.unlink(path)
    files = sorted(glob.glob(os.path.join(output, "history", "*.json")))
    return {b["name"]: b for b in json.load(open(files[-1]))["benchmarks"]}


with tempfile.TemporaryDirectory() as scratch:
    counted = run(config, os.path.join(scratch, "instructions"))
    timed_config = os.path.join(scratch, "time.toml")
    text = open(config).read().replace('metric = "instructions"', 'metric = "time"')
    with tempfile.NamedTemporaryFile("w", suffix=".toml", dir=os.path.dirname(config), delete=False) as f:
        f.write(text)
        timed_path = f.name
    try:
        timed = run(timed_path, os.path.join(scratch, "time"))
    finally:
        os.unlink(timed_path)

print(f"{'benchmark':32} {'median count':>16} {'spread':>9} {'valgrind ms':>12} {'native ms':>10} {'slowdown':>9}")
for name, b in counted.items():
    if b["outcome"] != "ok":
        print(f"{name:32} {b['outcome']}: {b.get('error')}")
        continue
    counts = b["samplesInstructions"]
    median = statistics.median(counts)
    spread = (max(counts) - min(counts)) / median
    under = statistics.median(b["samplesNs"]) / 1e6
    native_samples = timed.get(name, {}).get("samplesNs") or [0]
    native = statistics.median(native_samples) / 1e6
    ratio = under / native if native else float("nan")
    print(f"{name:32} {median:16,.0f} {spread * 100:8.4f}% {under:12.3f} {native:10.3f} {ratio:8.1f}x")
