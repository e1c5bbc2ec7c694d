#!/usr/bin/env python3
"""Whether verdicts hold on real runs of the default suite: false fails of unchanged code, and
detection of a known slowdown, in history mode and A/B.

    swift build -c release
    python3 Benchmarks/scripts/verdict_evidence.py effect              # the knob's real effect
    python3 Benchmarks/scripts/verdict_evidence.py false-fails --runs 20
    python3 Benchmarks/scripts/verdict_evidence.py ab-self --runs 20
    python3 Benchmarks/scripts/verdict_evidence.py detect --runs 10
    python3 Benchmarks/scripts/verdict_evidence.py cost --runs 3

Each takes 2-25 minutes and prints a Markdown table. The work happens in
$TMPDIR/benchboard-evidence (or --work), which the next invocation reuses for its binaries.

The knob slows two benchmarks of the default suite by a known amount without touching the
config: "Sort 100k integers" reads a work scale from a file beside the executable (see
Sources/benchboard/WorkScale.swift), and "gzip 1 MiB" compresses a longer input in the head tree.
So the unchanged side is (bin-base, tree-base) and the slowed side (bin-head, tree-head), each a
copy of one release build and of the suite's inputs.
"""
import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SLOWED = ["Sort 100k integers", "gzip 1 MiB"]
FIXTURE = "Tests/Fixtures/1mib.bin"


def sh(args, check=True, **kwargs):
    return subprocess.run([str(a) for a in args], check=check, text=True, capture_output=True, **kwargs)


class Workspace:
    """Two copies of the release build and two trees of the default suite's inputs."""

    def __init__(self, work: Path, scale: float, gzip_scale: float):
        self.work = work
        self.scale = scale
        self.gzip_scale = gzip_scale
        work.mkdir(parents=True, exist_ok=True)
        for side in ("base", "head"):
            bin_dir = work / f"bin-{side}"
            bin_dir.mkdir(exist_ok=True)
            for name in ("benchboard", "benchboard-launcher"):
                source = ROOT / ".build" / "release" / name
                if not source.exists():
                    sys.exit(f"{source} is missing: run `swift build -c release` first")
                shutil.copy2(source, bin_dir / name)
            tree = work / f"tree-{side}"
            (tree / "Tests" / "Fixtures").mkdir(parents=True, exist_ok=True)
            data = (ROOT / FIXTURE).read_bytes()
            (tree / FIXTURE).write_bytes(data)
            (tree / "config.toml").write_text(self.config_text(), encoding="utf-8")
        self.set_knob(1.0, 1.0)

    @staticmethod
    def config_text(extra_defaults: str = "") -> str:
        text = (ROOT / "config.toml").read_text(encoding="utf-8")
        text = re.sub(r'(?m)^output = ".*"', 'output = "out"', text, count=1)
        text = re.sub(r'(?m)^history = ".*"', 'history = "out/history"', text, count=1)
        if extra_defaults:
            text = text.replace("[defaults]", "[defaults]\n" + extra_defaults, 1)
        return text

    def set_knob(self, scale: float, gzip_scale: float):
        """The head side's slowdown: a work-scale file beside its executable and a longer gzip input."""
        marker = self.work / "bin-head" / "benchboard-work-scale"
        if scale == 1.0:
            marker.unlink(missing_ok=True)
        else:
            marker.write_text(f"{scale}\n", encoding="utf-8")
        data = (ROOT / FIXTURE).read_bytes()
        extra = int(len(data) * (gzip_scale - 1))
        whole, part = divmod(extra, len(data))
        (self.work / "tree-head" / FIXTURE).write_bytes(data * (1 + whole) + data[:part])

    def binary(self, side: str) -> Path:
        return self.work / f"bin-{side}" / "benchboard"

    def tree(self, side: str) -> Path:
        return self.work / f"tree-{side}"

    def run(self, side: str, history: Path) -> dict:
        """One run of the default suite on `side`; its run file is copied into `history`."""
        tree = self.tree(side)
        scratch = tree / "out" / "history"
        shutil.rmtree(scratch, ignore_errors=True)
        started = time.monotonic()
        result = sh([self.binary(side), "run", "--config", tree / "config.toml", "--no-report", "--quiet"],
                    check=False, cwd=tree)
        wall = time.monotonic() - started
        files = sorted(scratch.glob("*.json"))
        if result.returncode not in (0, 1) or len(files) != 1:
            sys.exit(f"run on {side} failed ({result.returncode}): {result.stderr[-2000:]}")
        history.mkdir(parents=True, exist_ok=True)
        target = history / files[0].name
        shutil.copy2(files[0], target)
        return {"file": target, "wall": wall}


def compare(binary: Path, base: Path, head: Path, history: Path, config: Path) -> tuple[dict, int]:
    result = sh([binary, "compare", base, head, "--history", history, "--config", config, "--format", "json",
                 "--fail-on-regression"], check=False)
    if result.returncode not in (0, 1):
        sys.exit(f"compare failed ({result.returncode}): {result.stderr[-2000:]}")
    return json.loads(result.stdout), result.returncode


def ab(ws: Workspace, rounds: int | None) -> tuple[dict, int]:
    args = [ws.binary("head"), "ab", "--base-executable", ws.binary("base"), "--base-dir", ws.tree("base"),
            "--config", ws.tree("head") / "config.toml", "--format", "json", "--fail-on-regression"]
    if rounds:
        args += ["--rounds", rounds]
    result = sh(args, check=False, cwd=ws.tree("head"))
    if result.returncode not in (0, 1):
        sys.exit(f"ab failed ({result.returncode}): {result.stderr[-3000:]}")
    return json.loads(result.stdout), result.returncode


METRICS = ("time", "memory", "cpu", "instructions")


def verdict_rows(comparison: dict) -> dict:
    """Per metric, the benchmarks judged regression / improvement / unconfirmed / noisy."""
    rows = {kind: [] for kind in ("regression", "improvement", "unconfirmed", "noisy")}
    for bench in comparison.get("benchmarks", []):
        for metric in METRICS:
            value = bench.get(metric)
            if isinstance(value, dict) and value.get("verdict") in rows:
                rows[value["verdict"]].append(f"{bench['name']} ({metric} {value.get('changePercent') or 0:+.1f} %)")
    return rows


def detectable(comparison: dict, threshold: float) -> tuple[int, int, list]:
    """How many benchmarks can detect a time change of `threshold` percent, of how many."""
    able, total, figures = 0, 0, []
    for bench in comparison.get("benchmarks", []):
        figure = (bench.get("time") or {}).get("detectablePercent")
        total += 1
        figures.append((bench["name"], figure))
        if figure is not None and figure <= threshold:
            able += 1
    return able, total, figures


def caught(comparison: dict, names=SLOWED) -> dict:
    out = {}
    for bench in comparison.get("benchmarks", []):
        if bench["name"] in names:
            time_ = bench.get("time") or {}
            out[bench["name"]] = (time_.get("verdict"), time_.get("changePercent"))
    return out


def headline(site: Path) -> str:
    """The dashboard's headline sentence: the first element whose class names a headline or status."""
    html = (site / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<(\w+)[^>]*class="[^"]*(?:headline|status-line|verdict-line)[^"]*"[^>]*>(.*?)</\1>', html, re.S)
    text = match.group(2) if match else ""
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", text)).strip()


def summary_regressions(site: Path) -> int:
    text = (site / "summary.md").read_text(encoding="utf-8")
    return sum(1 for line in text.splitlines() if line.startswith("|") and ("slower" in line or "regress" in line))


def false_fails(ws: Workspace, runs: int):
    history = ws.work / "unchanged-history"
    shutil.rmtree(history, ignore_errors=True)
    ws.set_knob(1.0, 1.0)
    made = [ws.run("base", history) for _ in range(runs)]
    print(f"{runs} runs of the unchanged default suite, median wall {statistics.median(r['wall'] for r in made):.1f} s")
    failing, lines = 0, []
    config = ws.tree("base") / "config.toml"
    for index in range(1, runs):
        partial = ws.work / "partial-history"
        shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir()
        for earlier in made[: index + 1]:
            shutil.copy2(earlier["file"], partial / earlier["file"].name)
        comparison, code = compare(ws.binary("base"), made[index - 1]["file"], made[index]["file"], partial, config)
        rows = verdict_rows(comparison)
        failing += code == 1
        lines.append(f"| {index + 1} | {'FAIL' if code else 'pass'} | {len(rows['regression'])} | "
                     f"{len(rows['improvement'])} | {len(rows['unconfirmed'])} | {len(rows['noisy'])} | "
                     f"{'; '.join(rows['regression'] + rows['improvement'])[:160]} |")
    print("\n| run | gate | regressions | improvements | unconfirmed | noisy | called |\n|---|---|---|---|---|---|---|")
    print("\n".join(lines))
    site = ws.work / "unchanged-site"
    shutil.rmtree(site, ignore_errors=True)
    sh([ws.binary("base"), "report", "--history", history, "--output", site, "--config", config])
    able, total, figures = detectable(comparison, 10.0)
    print(f"\nfalse fails: {failing} of {runs - 1} comparisons fail --fail-on-regression")
    print(f"summary.md regression rows: {summary_regressions(site)}; dashboard headline: {headline(site)!r}")
    print(f"benchmarks that can gate at 10 %: {able} of {total}: "
          + ", ".join(f"{n} {f:.1f} %" if f is not None else f"{n} ?" for n, f in figures))


def ab_self(ws: Workspace, runs: int, rounds: int | None):
    ws.set_knob(1.0, 1.0)
    # set_knob has just rewritten the head tree's input; rewrite the base tree's too, so that
    # neither side reads a file the other side's copy is fresher (or staler) than.
    (ws.tree("base") / FIXTURE).write_bytes((ROOT / FIXTURE).read_bytes())
    failing, lines = 0, []
    for index in range(runs):
        started = time.monotonic()
        comparison, code = ab(ws, rounds)
        rows = verdict_rows(comparison)
        failing += code == 1
        lines.append(f"| {index + 1} | {'FAIL' if code else 'pass'} | {time.monotonic() - started:.1f} s | "
                     f"{len(rows['regression'])} | {len(rows['improvement'])} | {len(rows['unconfirmed'])} | "
                     f"{'; '.join(rows['regression'] + rows['improvement'])[:160]} |")
    print("\n| ab | gate | wall | regressions | improvements | unconfirmed | called |\n|---|---|---|---|---|---|---|")
    print("\n".join(lines))
    able, total, _ = detectable(comparison, 10.0)
    print(f"\nA/B of one build against itself: {failing} of {runs} fail; {able} of {total} benchmarks can gate at 10 %")


def effect(ws: Workspace, runs: int):
    """The knob's real effect, measured side by side: medians of the slowed benchmarks."""
    medians = {side: {name: [] for name in SLOWED} for side in ("base", "head")}
    ws.set_knob(ws.scale, ws.gzip_scale)
    for _ in range(runs):
        for side in ("base", "head"):
            made = ws.run(side, ws.work / f"effect-{side}")
            record = json.loads(made["file"].read_text(encoding="utf-8"))
            for bench in record["benchmarks"]:
                if bench["name"] in SLOWED and bench.get("stats"):
                    medians[side][bench["name"]].append(bench["stats"]["medianNs"])
    for name in SLOWED:
        base, head = statistics.median(medians["base"][name]), statistics.median(medians["head"][name])
        print(f"{name}: base {base / 1e6:.3f} ms, head {head / 1e6:.3f} ms, effect {100 * (head / base - 1):+.1f} %")


def detect(ws: Workspace, runs: int, unchanged: int, rounds: int | None):
    history0 = ws.work / "detect-unchanged"
    shutil.rmtree(history0, ignore_errors=True)
    ws.set_knob(1.0, 1.0)
    earlier = [ws.run("base", history0) for _ in range(unchanged)]
    config = ws.tree("head") / "config.toml"
    for label, scale, gzip_scale, count in (("10 %", ws.scale, ws.gzip_scale, runs), ("2x", 2.0, 2.0, 3)):
        ws.set_knob(scale, gzip_scale)
        history_hits, ab_hits, lines = 0, 0, []
        for index in range(count):
            probe = ws.work / "detect-probe"
            shutil.rmtree(probe, ignore_errors=True)
            shutil.copytree(history0, probe)
            made = ws.run("head", probe)
            comparison, _ = compare(ws.binary("head"), earlier[-1]["file"], made["file"], probe, config)
            found = caught(comparison)
            hit = all(found.get(name, (None,))[0] == "regression" for name in SLOWED)
            history_hits += hit
            ab_comparison, _ = ab(ws, rounds)
            ab_found = caught(ab_comparison)
            ab_hit = all(ab_found.get(name, (None,))[0] == "regression" for name in SLOWED)
            ab_hits += ab_hit
            lines.append(f"| {label} #{index + 1} | {fmt(found)} | {fmt(ab_found)} |")
        print(f"\n| knob {label} | history vs {unchanged} unchanged runs | A/B |\n|---|---|---|")
        print("\n".join(lines))
        print(f"{label}: caught in {history_hits} of {count} history comparisons, {ab_hits} of {count} A/B runs")
    ws.set_knob(1.0, 1.0)


def fmt(found: dict) -> str:
    return "; ".join(f"{name}: {verdict} {change or 0:+.1f} %" for name, (verdict, change) in found.items())


def cost(ws: Workspace, runs: int):
    """The suite's wall time with the default rounds against one round, side by side."""
    one = ws.work / "tree-one-round"
    if one.exists():
        shutil.rmtree(one)
    shutil.copytree(ws.tree("base"), one, ignore=shutil.ignore_patterns("out"))
    (one / "config.toml").write_text(Workspace.config_text("rounds = 1"), encoding="utf-8")
    walls = {"default rounds": [], "rounds = 1": []}
    for _ in range(runs):
        for label, tree in (("default rounds", ws.tree("base")), ("rounds = 1", one)):
            shutil.rmtree(tree / "out", ignore_errors=True)
            started = time.monotonic()
            sh([ws.binary("base"), "run", "--config", tree / "config.toml", "--no-report", "--quiet"], check=False, cwd=tree)
            walls[label].append(time.monotonic() - started)
    for label, values in walls.items():
        print(f"{label}: median {statistics.median(values):.2f} s ({', '.join(f'{v:.2f}' for v in values)})")
    print(f"ratio: {statistics.median(walls['default rounds']) / statistics.median(walls['rounds = 1']):.2f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("mode", choices=["effect", "false-fails", "ab-self", "detect", "cost"])
    parser.add_argument("--runs", type=int, default=None)
    parser.add_argument("--unchanged", type=int, default=5, help="earlier unchanged runs for history detection")
    parser.add_argument("--scale", type=float, default=1.1, help="work scale of Sort 100k integers")
    parser.add_argument("--gzip-scale", type=float, default=1.1, help="input scale of gzip 1 MiB")
    parser.add_argument("--rounds", type=int, default=None, help="rounds of ab (default: its own)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "benchboard-evidence")
    args = parser.parse_args()
    ws = Workspace(args.work, args.scale, args.gzip_scale)
    if args.mode == "effect":
        effect(ws, args.runs or 3)
    elif args.mode == "false-fails":
        false_fails(ws, args.runs or 20)
    elif args.mode == "ab-self":
        ab_self(ws, args.runs or 20, args.rounds)
    elif args.mode == "detect":
        detect(ws, args.runs or 10, args.unchanged, args.rounds)
    else:
        cost(ws, args.runs or 3)


if __name__ == "__main__":
    main()
