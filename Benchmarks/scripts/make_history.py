#!/usr/bin/env python3
"""Generate a synthetic benchboard history folder for rendering tests and timing.

Usage: make_history.py OUTPUT_DIR RUNS BENCHMARKS SEED [--samples N] [--schema 1|2] [--processes N]
                       [--start YYYY-MM-DD] [--layout compact|pretty]

Writes RUNS files `OUTPUT_DIR/<UTC time>-<id>.json`, oldest first, 6 hours apart, from --start
(default 2026-01-01). --schema 1 (the default) writes the `benchboard.run/1` shape (ISO 8601 dates,
optional keys as explicit nulls); --schema 2 the `benchboard.run/2` shape benchboard writes today:
each benchmark measured in --processes processes (default 5), one record each with its share of
the samples (each process a little off the others, as real ones are), and absent keys left out;
--layout compact (the default) writes /2 files as benchboard does today (sorted keys, no
whitespace), --layout pretty as versions before it did (indented). The series carry what a
dashboard must show: noise, lasting steps up and down, occasional failures, crashes and
timeouts, and a latest run with one failure, one timeout, one regression and one benchmark
over its target. Same arguments, same files. Python standard library only.
"""
import argparse
import datetime
import json
import math
import os
import random

GROUPS = ["parsing", "encoding", "database", "network", "startup", "rendering"]
WORDS = ["JSON decode", "JSON encode", "Profile Query", "Template render", "Regex match", "Sort users",
         "Hash passwords", "Compress logs", "Route lookup", "Spawn worker", "Cold start", "Cache warm"]
SUBJECTS = ["Speed up the parser", "Refactor the cache", "Fix flaky timeout", "Bump dependencies",
            "Add pagination", "Inline hot loop", "Log less on the hot path", "Use a smaller buffer",
            "Revert \"Use a smaller buffer\"", "Tidy up <Config> & options"]


def benchmark_specs(count, rng):
    specs = []
    for i in range(count):
        group = GROUPS[i % len(GROUPS)]
        word = WORDS[i % len(WORDS)]
        name = word if i < len(WORDS) else "%s #%d" % (word, i // len(WORDS) + 1)
        base = math.exp(rng.uniform(math.log(40e3), math.log(40e6)))  # 40 µs .. 40 ms
        target = None
        if i % 3 == 0:
            target = int(base * rng.uniform(1.15, 2.5))
        specs.append({
            "name": name, "group": group, "base": base, "target": target,
            "kind": "swift" if i % 2 == 0 else "command",
            "noise": rng.uniform(0.01, 0.05),
            "memory": int(math.exp(rng.uniform(math.log(40e3), math.log(200e6)))),
        })
    # The third benchmark runs over its target, so the dashboard has a ❌ Slow to show.
    if count > 3 and specs[3]["target"] is not None:
        specs[3]["target"] = int(specs[3]["base"] * 0.9)
    return specs


def quantile(sorted_values, q):
    position = q * (len(sorted_values) - 1)
    lower = int(math.floor(position))
    upper = min(lower + 1, len(sorted_values) - 1)
    return sorted_values[lower] + (sorted_values[upper] - sorted_values[lower]) * (position - lower)


def stats_of(samples):
    values = sorted(float(s) for s in samples)
    n = len(values)
    mean = sum(values) / n
    stddev = math.sqrt(sum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else 0.0
    median = quantile(values, 0.5)
    mad = quantile(sorted(abs(v - median) for v in values), 0.5)
    half = 1.96 * 1.2533 * stddev / math.sqrt(n)
    return {
        "count": n, "minNs": values[0], "maxNs": values[-1], "meanNs": mean, "medianNs": median,
        "stddevNs": stddev, "madNs": mad, "p90Ns": quantile(values, 0.9), "p99Ns": quantile(values, 0.99),
        "cv": stddev / mean if mean else None, "ciLowNs": median - half, "ciHighNs": median + half,
        "noisy": False,
    }


def failed_result(spec, outcome, rng):
    result = {
        "exitCode": None, "signal": None, "error": None, "stderrTail": None, "killedBy": None,
    }
    if outcome == "failed":
        result["exitCode"] = 1
        result["error"] = "The benchmark exited with status 1."
        result["stderrTail"] = "loading fixtures\nFatal error: index out of range: 12 >= 12 <users.json>\n"
    elif outcome == "crashed":
        result["signal"] = "SIGSEGV"
        result["error"] = "The benchmark was ended by SIGSEGV."
        result["stderrTail"] = "Segmentation fault (core dumped)\n"
    else:
        result["killedBy"] = rng.choice(["SIGTERM", "SIGKILL"])
        result["error"] = "The benchmark ran over its 2000 ms limit."
    return result


def process_records(samples, processes, resources, rng):
    """The per-process records of a /2 result: `processes` records splitting the samples in order."""
    records = []
    base, extra = divmod(len(samples), processes)
    for index in range(processes):
        count = base + (1 if index < extra else 0)
        share = 1.0 / processes
        records.append({
            "round": index + 1, "samples": count, "outcome": "ok", "exitCode": 0,
            "maxRSSBytes": int(resources["maxRSSBytes"] * rng.uniform(0.98, 1.0)),
            "cpuUserUs": int(resources["cpuUserUs"] * share), "cpuSystemUs": int(resources["cpuSystemUs"] * share),
            "wallMs": resources["totalMs"] * share * rng.uniform(0.9, 1.1), "iterations": count + 1,
            "machineBusy": round(rng.uniform(0.45, 0.6), 3),
        })
    return records


def make_result(spec, level, outcome, samples_count, rng, processes=None):
    timeout_ms = 2000
    result = {
        "name": spec["name"], "group": spec["group"], "kind": spec["kind"],
        "mode": "isolated", "outcome": outcome, "exitCode": 0 if outcome == "ok" else None,
        "signal": None, "error": None, "stderrTail": None, "killedBy": None,
        "targetNs": spec["target"], "timeoutMs": timeout_ms, "warmup": 3,
        "samplesNs": [], "stats": None,
        "config": None,
    }
    if outcome == "ok" and processes:
        # Each process lands in a mode of its own: its samples gather around a level of its own.
        samples = []
        base, extra = divmod(samples_count, processes)
        for index in range(processes):
            mode = level * rng.lognormvariate(0, spec["noise"])
            count = base + (1 if index < extra else 0)
            samples += [max(1, int(rng.lognormvariate(math.log(mode), spec["noise"] / 3))) for _ in range(count)]
        result["samplesNs"] = samples
        result["stats"] = stats_of(samples)
        measured_ms = sum(samples) / 1e6
    elif outcome == "ok":
        samples = [max(1, int(rng.lognormvariate(math.log(level), spec["noise"]))) for _ in range(samples_count)]
        result["samplesNs"] = samples
        result["stats"] = stats_of(samples)
        measured_ms = sum(samples) / 1e6
    else:
        result.update(failed_result(spec, outcome, rng))
        measured_ms = timeout_ms if outcome == "timeout" else rng.uniform(5, 50)
    overhead = rng.uniform(2, 9)
    cpu_user = int(measured_ms * 1000 * rng.uniform(0.8, 0.98))
    result["resources"] = {
        "maxRSSBytes": int(spec["memory"] * rng.uniform(0.97, 1.03)) + 1_200_000,
        "peakMemoryGrowthBytes": int(spec["memory"] * rng.uniform(0.97, 1.03)) if spec["kind"] == "swift" else None,
        "cpuUserUs": cpu_user, "cpuSystemUs": int(cpu_user * rng.uniform(0.02, 0.1)),
        "totalMs": measured_ms + overhead, "overheadMs": overhead,
        "voluntaryContextSwitches": rng.randint(1, 40), "involuntaryContextSwitches": rng.randint(0, 20),
        "minorFaults": rng.randint(100, 9000), "majorFaults": 0,
    }
    if processes and outcome == "ok":
        result["processes"] = process_records(result["samplesNs"], processes, result["resources"], rng)
    elif processes:
        result["processes"] = [{"round": 1, "samples": 0, "outcome": outcome, "exitCode": result["exitCode"],
                                "signal": result["signal"], "wallMs": measured_ms + overhead}]
    return result


def without_nulls(value):
    """What the /2 writer leaves out: keys whose value is absent."""
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value]
    return value


def write_run(record, handle, layout):
    """A /2 run file as benchboard writes it: compact (sorted keys, no whitespace, one line), or
    pretty-printed as before (sorted keys, two spaces, " : ")."""
    if layout == "pretty":
        json.dump(record, handle, indent=2, sort_keys=True, separators=(",", " : "), ensure_ascii=False)
    else:
        json.dump(record, handle, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    handle.write("\n")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output")
    parser.add_argument("runs", type=int)
    parser.add_argument("benchmarks", type=int)
    parser.add_argument("seed", type=int)
    parser.add_argument("--samples", type=int, default=30)
    parser.add_argument("--schema", type=int, choices=[1, 2], default=1)
    parser.add_argument("--processes", type=int, default=5)
    parser.add_argument("--start", default="2026-01-01")
    parser.add_argument("--layout", choices=["compact", "pretty"], default="compact")
    args = parser.parse_args()
    processes = max(1, args.processes) if args.schema == 2 else None
    rng = random.Random(args.seed)
    os.makedirs(args.output, exist_ok=True)
    specs = benchmark_specs(args.benchmarks, rng)
    levels = [spec["base"] for spec in specs]
    start = datetime.datetime.strptime(args.start, "%Y-%m-%d").replace(tzinfo=datetime.timezone.utc)
    machine = {
        "hostname": "ci-runner-1", "os": "Debian GNU/Linux 12", "kernel": "6.18.0",
        "cpuModel": "AMD EPYC 7B13", "cores": 2, "memoryBytes": 24 * 1024 ** 3, "swiftVersion": "6.3.1",
    }
    last = args.runs - 1
    for run in range(args.runs):
        # Lasting steps: now and then one benchmark gets faster or slower for good.
        for i in range(len(specs)):
            if rng.random() < 0.004:
                levels[i] *= rng.choice([0.8, 0.85, 1.15, 1.3])
        if run == last and len(specs) > 4:
            levels[4] *= 1.25  # a regression on the latest run
        benchmarks = []
        for i, spec in enumerate(specs):
            outcome = "ok"
            roll = rng.random()
            if roll < 0.004:
                outcome = "failed"
            elif roll < 0.006:
                outcome = "timeout"
            elif roll < 0.007:
                outcome = "crashed"
            if run == last and i == 1:
                outcome = "failed"
            if run == last and i == 2:
                outcome = "timeout"
            if run == last and i in (3, 4) and outcome != "ok":
                outcome = "ok"
            benchmarks.append(make_result(spec, levels[i], outcome, args.samples, rng, processes))
        started = start + datetime.timedelta(hours=6 * run)
        finished = started + datetime.timedelta(seconds=rng.uniform(20, 90))
        run_id = "%08x" % rng.getrandbits(32)
        record = {
            "schema": "benchboard.run/%d" % args.schema, "id": run_id,
            "startedAt": started.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "finishedAt": finished.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "interrupted": False, "isolation": True, "buildConfiguration": "release",
            "title": None, "configPath": "benchboard.toml",
            "git": {
                "commit": "%040x" % rng.getrandbits(160), "branch": "main" if run % 7 else "feature/cache",
                "dirty": False, "subject": rng.choice(SUBJECTS),
            },
            "machine": machine, "benchmarks": benchmarks,
        }
        name = "%s-%s.json" % (started.strftime("%Y%m%dT%H%M%SZ"), run_id)
        with open(os.path.join(args.output, name), "w") as handle:
            if args.schema == 2:
                write_run(without_nulls(record), handle, args.layout)
            else:
                json.dump(record, handle, indent=1, sort_keys=True)


if __name__ == "__main__":
    main()
