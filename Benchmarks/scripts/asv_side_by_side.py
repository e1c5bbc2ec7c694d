#!/usr/bin/env python3
"""Convert a benchboard history to asv's results and time `asv publish` on it.

Usage: asv_side_by_side.py HISTORY_DIR WORK_DIR [--asv PATH] [--convert-only]

asv (airspeed velocity, `pip install asv`) keeps one results file per commit and environment,
`results/<machine>/<commit[:8]>-<environment>.json`, beside `results/<machine>/machine.json`
and `results/benchmarks.json` (the benchmarks' descriptions), and `asv publish` renders its
static site from them and from the project's git repository, which it walks for the commits of
each branch. So WORK_DIR gets:

- `project/`: a git repository with one commit per run (dated as the run), on `main`, made with
  `git fast-import`; a run's own commit id names a commit of another repository;
- `results/`: per run, each benchmark's median (in seconds) with its quartiles and 99 %
  interval, and the number of samples as asv's `repeat` (asv keeps no raw samples unless asked);
- `asv.conf.json`, and `html/` once published.

Then it runs `asv publish` once and prints its wall time and peak RSS (from wait4), which the
scale benchmark (`Benchmarks/scale/run.sh`) sets beside benchboard's `report` of the same
history. Python standard library only; asv itself is a test-only tool.
"""
import argparse
import datetime
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import time

MACHINE = "benchboard-scale"
ENVIRONMENT = "existing-py"


def asv_name(result):
    """asv benchmark names are dotted identifiers: `<group>.<name>`."""
    def clean(text):
        return re.sub(r"[^A-Za-z0-9_]", "_", text or "default").strip("_") or "x"
    return "%s.%s" % (clean(result.get("group")), clean(result["name"]))


def quantile(values, q):
    position = q * (len(values) - 1)
    lower = int(position)
    upper = min(lower + 1, len(values) - 1)
    return values[lower] + (values[upper] - values[lower]) * (position - lower)


def parse_date(text):
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=datetime.timezone.utc)


def make_repository(project, runs):
    """One commit per run on `main`, dated as the run; returns their ids in run order."""
    if os.path.exists(project):
        shutil.rmtree(project)
    subprocess.run(["git", "init", "-q", "-b", "main", project], check=True)
    marks = os.path.join(project, ".git", "benchboard-marks")
    stream = []
    for index, run in enumerate(runs, start=1):
        seconds = int(parse_date(run["startedAt"]).timestamp())
        message = ((run.get("git") or {}).get("subject") or "run %s" % run["id"]).encode()
        content = ("%s\n" % run["id"]).encode()
        stream.append(b"commit refs/heads/main\nmark :%d\n" % index)
        stream.append(b"committer scale <scale@example.invalid> %d +0000\n" % seconds)
        stream.append(b"data %d\n%s\n" % (len(message), message))
        if index > 1:
            stream.append(b"from :%d\n" % (index - 1))
        stream.append(b"M 100644 inline run\ndata %d\n%s\n" % (len(content), content))
    subprocess.run(["git", "-C", project, "fast-import", "--quiet", "--export-marks=" + marks],
                   input=b"".join(stream), check=True)
    subprocess.run(["git", "-C", project, "reset", "-q", "--hard", "main"], check=True)
    ids = {}
    with open(marks) as handle:
        for line in handle:
            mark, commit = line.split()
            ids[int(mark[1:])] = commit
    return [ids[index] for index in range(1, len(runs) + 1)]


def convert(history, work):
    files = sorted(glob.glob(os.path.join(history, "*.json")))
    runs = []
    for path in files:
        with open(path) as handle:
            runs.append(json.load(handle))
    if not runs:
        sys.exit("asv_side_by_side: no run files in %s" % history)
    commits = make_repository(os.path.join(work, "project"), runs)
    results = os.path.join(work, "results")
    if os.path.exists(results):
        shutil.rmtree(results)
    os.makedirs(os.path.join(results, MACHINE))
    machine = runs[-1].get("machine") or {}
    with open(os.path.join(results, MACHINE, "machine.json"), "w") as handle:
        json.dump({"machine": MACHINE, "os": machine.get("os", ""), "arch": "x86_64",
                   "cpu": machine.get("cpuModel", ""), "num_cpu": str(machine.get("cores", "")),
                   "ram": str(machine.get("memoryBytes", "")), "version": 1}, handle)
    benchmarks = {}
    for run, commit in zip(runs, commits):
        started = parse_date(run["startedAt"])
        milliseconds = int(started.timestamp() * 1000)
        rows = {}
        for result in run["benchmarks"]:
            name = asv_name(result)
            benchmarks.setdefault(name, {
                "name": name, "type": "time", "unit": "seconds", "params": [], "param_names": [],
                "version": "1", "code": result["name"], "pretty_name": result["name"],
                "number": 0, "repeat": 0, "min_run_count": 2, "rounds": 1, "sample_time": 0.01,
                "warmup_time": -1, "timeout": 60.0,
            })
            samples = sorted(s / 1e9 for s in result.get("samplesNs") or [])
            if result.get("outcome") != "ok" or not samples:
                # A failed benchmark: asv records a null result.
                rows[name] = [[None], [], "1", milliseconds, 0.0]
                continue
            stats = result.get("stats") or {}
            low = stats.get("ciLowNs")
            high = stats.get("ciHighNs")
            rows[name] = [
                [quantile(samples, 0.5)], [], "1", milliseconds, sum(samples),
                [low / 1e9 if low is not None else samples[0]], [high / 1e9 if high is not None else samples[-1]],
                [quantile(samples, 0.25)], [quantile(samples, 0.75)], [1], [len(samples)],
            ]
        data = {
            "commit_hash": commit, "env_name": ENVIRONMENT, "date": milliseconds, "params": {
                "arch": "x86_64", "cpu": machine.get("cpuModel", ""), "machine": MACHINE, "num_cpu": str(machine.get("cores", "")),
                "os": machine.get("os", ""), "ram": str(machine.get("memoryBytes", "")), "python": "3",
            },
            "python": "3", "requirements": {}, "env_vars": {},
            "result_columns": ["result", "params", "version", "started_at", "duration", "stats_ci_99_a", "stats_ci_99_b",
                               "stats_q_25", "stats_q_75", "stats_number", "stats_repeat", "samples", "profile"],
            "results": rows, "durations": {}, "version": 2,
        }
        with open(os.path.join(results, MACHINE, "%s-%s.json" % (commit[:8], ENVIRONMENT)), "w") as handle:
            json.dump(data, handle, separators=(",", ":"))
    benchmarks["version"] = 2
    with open(os.path.join(results, "benchmarks.json"), "w") as handle:
        json.dump(benchmarks, handle)
    with open(os.path.join(work, "asv.conf.json"), "w") as handle:
        json.dump({"version": 1, "project": "scale", "project_url": "", "repo": "project", "branches": ["main"],
                   "environment_type": "existing", "results_dir": "results", "html_dir": "html"}, handle, indent=1)
    return len(runs), len(benchmarks) - 1


def timed(command, cwd):
    """Wall seconds and peak RSS (KiB) of one command, from wait4."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if process.returncode != 0:
        sys.exit("asv_side_by_side: %s failed (%d):\n%s" % (" ".join(command), process.returncode, stderr.decode()[-3000:]))
    return seconds, usage.ru_maxrss


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("history")
    parser.add_argument("work")
    parser.add_argument("--asv", default=shutil.which("asv") or "asv", help="the asv executable (default: asv on PATH)")
    parser.add_argument("--convert-only", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    started = time.monotonic()
    runs, benchmarks = convert(args.history, args.work)
    print("converted %d runs x %d benchmarks in %.1f s" % (runs, benchmarks, time.monotonic() - started))
    if args.convert_only:
        return
    html = os.path.join(args.work, "html")
    if os.path.exists(html):
        shutil.rmtree(html)
    seconds, rss = timed([args.asv, "publish", "--config", "asv.conf.json", "--no-pull"], args.work)
    size = sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(html) for name in names)
    print(json.dumps({"asv_publish_seconds": round(seconds, 2), "asv_peak_rss_kib": rss, "asv_site_bytes": size}))


if __name__ == "__main__":
    main()
