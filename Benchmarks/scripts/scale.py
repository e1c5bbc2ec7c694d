#!/usr/bin/env python3
"""The scale benchmark: what a history of R runs x B benchmarks costs a report, the site, the data
branch and a pull request's fetch.

Usage: scale.py [--sizes 1000x100,5000x300] [--samples 20] [--benchboard PATH] [--work DIR]
                [--keep] [--asv PATH] [--layout compact|pretty] [--storage both|loose|packed]

Per size, into a scratch folder (--work, default $TMPDIR/benchboard-scale-bench; never the
repository), once:

1. generates the history with make_history.py (schema /2, five processes per benchmark,
   --samples samples each, the newest run two days ago; run files compact as benchboard writes
   them, or with --layout pretty indented as benchboard wrote them before, to compare the data branch);
2. times `benchboard runs --history H` (every file read and decoded, a short table printed: the
   decode-only cost), then `report --history H --output O` cold, then adds one new run and
   reports again, warm. When `report --help` lists a `--cache` option the warm report uses the
   cache the cold one filled; without one, warm is a second full report and the table says so.
   Wall time and peak RSS (from wait4) of each;
3. measures the site (every file under O, archives included, and what each kind of file
   weighs), the history on disk and gzipped;
4. commits the runs into a scratch bare repository as the action does (one commit per run on
   benchboard-data, `git fast-import`), runs `git gc` and measures .git/objects/pack: the data
   branch's packed size, and the growth per 1000 runs;
5. lets scripts/fetch-history.sh fetch that branch as a pull request's comparison does (the
   newest 100 run files, a partial fetch) and takes the bytes that came down;
6. when the binary has `benchboard pack`: packs a copy of the history and measures it again
   (reports, site, disk, the data branch with the pack committed over its loose runs, fetch);
   --storage loose or packed measures only one of the two (the data branch is measured with
   either, as the action builds it);
7. with --asv (or asv on PATH) and a size of at most 1000 runs: asv_side_by_side.py converts the same
   history to asv's results and times `asv publish` on it.

Prints a Markdown table (also written to WORK/results.md) with the machine's load before and
after: figures from a shared, loaded machine are only comparable side by side. Deletes each
size's scratch data when done unless --keep. Python standard library only.
"""
import argparse
import datetime
import glob
import gzip
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def timed(command, cwd=None, check=True):
    """(wall seconds, peak RSS in bytes, exit code, stderr) of one command, from wait4."""
    started = time.monotonic()
    process = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = process.stderr.read().decode(errors="replace")
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = code = os.waitstatus_to_exitcode(status)
    seconds = time.monotonic() - started
    if check and code != 0:
        sys.exit("scale: %s failed (%d):\n%s" % (" ".join(command), code, stderr[-3000:]))
    return seconds, usage.ru_maxrss * 1024, code, stderr


def folder_bytes(path):
    return sum(os.path.getsize(os.path.join(root, name)) for root, _, names in os.walk(path) for name in names)


def gzip_bytes(path):
    """The folder as one gzipped tar, counted as it streams."""
    class Counter:
        count = 0

        def write(self, data):
            self.count += len(data)

        def flush(self):
            pass
    counter = Counter()
    with gzip.GzipFile(fileobj=counter, mode="wb", compresslevel=6) as zipped:
        with tarfile.open(fileobj=zipped, mode="w|") as archive:
            archive.add(path, arcname="history")
    return counter.count


def human(count):
    for unit, size in (("GB", 1e9), ("MB", 1e6), ("KB", 1e3)):
        if count >= size:
            return "%.1f %s" % (count / size, unit) if count < 100 * size else "%.0f %s" % (count / size, unit)
    return "%d B" % count


def load():
    with open("/proc/loadavg") as handle:
        return " ".join(handle.read().split()[:3])


def site_kinds(path):
    """What each kind of file in a site weighs: {kind: (bytes, files)}."""
    kinds = {}
    for root, _, names in os.walk(path):
        for name in names:
            relative = os.path.relpath(os.path.join(root, name), path)
            if relative.startswith("runs/"):
                kind = "runs/*" + os.path.splitext(name)[1]
            elif relative.startswith("benchmarks/"):
                kind = "benchmarks/*/archive/*" if "/archive/" in relative else "benchmarks/*.html"
            else:
                kind = relative
            size, count = kinds.get(kind, (0, 0))
            kinds[kind] = (size + os.path.getsize(os.path.join(root, name)), count + 1)
    return kinds


def write_run(run, handle, layout):
    """As make_history.py writes a /2 run file."""
    if layout == "pretty":
        json.dump(run, handle, indent=2, sort_keys=True, separators=(",", " : "), ensure_ascii=False)
    else:
        json.dump(run, handle, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    handle.write("\n")


def add_run(history, layout):
    """A new run six hours after the newest: its copy with a new id and dates."""
    newest = sorted(glob.glob(os.path.join(history, "*.json")))[-1]
    with open(newest) as handle:
        run = json.load(handle)
    started = datetime.datetime.strptime(run["startedAt"], "%Y-%m-%dT%H:%M:%SZ") + datetime.timedelta(hours=6)
    run["id"] = "f%07x" % (int(started.timestamp()) % 0xFFFFFFF)
    run["startedAt"] = started.strftime("%Y-%m-%dT%H:%M:%SZ")
    run["finishedAt"] = (started + datetime.timedelta(seconds=60)).strftime("%Y-%m-%dT%H:%M:%SZ")
    with open(os.path.join(history, "%s-%s.json" % (started.strftime("%Y%m%dT%H%M%SZ"), run["id"])), "w") as handle:
        write_run(run, handle, layout)


def has_option(benchboard, command, option):
    help_text = subprocess.run([benchboard, command, "--help"], capture_output=True, text=True)
    return help_text.returncode == 0 and option in help_text.stdout


def reports(benchboard, history, work, label, layout):
    """Decode-only, cold and warm report of `history`: a dict of figures."""
    figures = {}
    cache = os.path.join(work, "cache-" + label) if has_option(benchboard, "report", "--cache") else None
    output = os.path.join(work, "site-" + label)
    for path in (output, cache):
        if path and os.path.exists(path):
            shutil.rmtree(path)
    figures["decode"], figures["decode_rss"], _, _ = timed([benchboard, "runs", "--history", history])
    report = [benchboard, "report", "--history", history, "--output", output] + (["--cache", cache] if cache else [])
    figures["cold"], figures["cold_rss"], _, _ = timed(report)
    add_run(history, layout)
    figures["warm"], figures["warm_rss"], _, _ = timed(report)
    figures["cache"] = cache is not None
    figures["site"] = folder_bytes(output)
    figures["kinds"] = site_kinds(output)
    figures["disk"] = folder_bytes(history)
    figures["gzip"] = gzip_bytes(history)
    shutil.rmtree(output)
    if cache:
        shutil.rmtree(cache, ignore_errors=True)
    return figures


def commit_runs(repository, history, pack_commit=None):
    """One commit per loose run on benchboard-data, oldest first (as each record job pushes its
    run); with `pack_commit` (a folder), one more commit that replaces the loose runs it packed
    with its files. Then `git gc`; returns the bytes of .git/objects/pack."""
    if os.path.exists(repository):
        shutil.rmtree(repository)
    subprocess.run(["git", "init", "-q", "--bare", repository], check=True)
    process = subprocess.Popen(["git", "-C", repository, "fast-import", "--quiet"], stdin=subprocess.PIPE)
    stamp = 1767225600

    def commit(changes, message):
        nonlocal stamp
        stamp += 60
        process.stdin.write(b"commit refs/heads/benchboard-data\ncommitter benchboard <b@example.invalid> %d +0000\n" % stamp)
        # Each commit continues the branch from the one before (fast-import keeps its tip).
        process.stdin.write(b"data %d\n%s\n" % (len(message), message))
        for change in changes:
            process.stdin.write(change)

    def add(path, name):
        with open(path, "rb") as handle:
            data = handle.read()
        return b"M 100644 inline history/%s\ndata %d\n%s\n" % (name.encode(), len(data), data)

    for path in sorted(glob.glob(os.path.join(history, "*.json"))):
        commit([add(path, os.path.basename(path))], b"benchboard: add 1 run file(s)")
    if pack_commit:
        changes = []
        loose = {os.path.basename(p) for p in glob.glob(os.path.join(history, "*.json"))}
        kept = set()
        for root, _, names in os.walk(pack_commit):
            for name in names:
                relative = os.path.relpath(os.path.join(root, name), pack_commit)
                kept.add(relative)
                changes.append(add(os.path.join(root, name), relative))
        changes += [b"D history/%s\n" % name.encode() for name in sorted(loose - kept)]
        commit(changes, b"benchboard: pack")
    process.stdin.close()
    if process.wait() != 0:
        sys.exit("scale: git fast-import failed")
    subprocess.run(["git", "-C", repository, "gc", "--quiet"], check=True)
    subprocess.run(["git", "-C", repository, "config", "uploadpack.allowFilter", "true"], check=True)
    return folder_bytes(os.path.join(repository, "objects", "pack"))


def compare_fetch(repository, work, runs=100):
    """What a pull request's comparison fetches of the data branch: the message and its bytes."""
    clone = os.path.join(work, "pr-checkout")
    into = os.path.join(work, "pr-history")
    for path in (clone, into):
        if os.path.exists(path):
            shutil.rmtree(path)
    subprocess.run(["git", "init", "-q", clone], check=True)
    subprocess.run(["git", "-C", clone, "remote", "add", "origin", "file://" + os.path.abspath(repository)], check=True)
    fetched = subprocess.run([os.path.join(ROOT, "scripts", "fetch-history.sh"), "--repo", clone, "--runs", str(runs), into],
                             capture_output=True, text=True)
    line = (fetched.stdout.strip().splitlines() or [fetched.stderr.strip()])[-1]
    match = re.search(r"([0-9.]+) (KiB|MiB|GiB) came down", line)
    count = float(match.group(1)) * {"KiB": 1024, "MiB": 1024 ** 2, "GiB": 1024 ** 3}[match.group(2)] if match else None
    shutil.rmtree(clone)
    shutil.rmtree(into)
    return count, line


def measure(size, args, benchboard, rows, notes):
    runs, benchmarks = (int(part) for part in size.split("x"))
    work = os.path.join(args.work, size + ("-pretty" if args.layout == "pretty" else ""))
    history = os.path.join(work, "history")
    os.makedirs(work, exist_ok=True)
    if not os.path.exists(os.path.join(work, ".generated")):
        if os.path.exists(history):
            shutil.rmtree(history)
        # The newest run two days ago: every run file's date is in the past, as the reader requires.
        start = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(hours=6 * runs, days=2)
        subprocess.run([sys.executable, os.path.join(HERE, "make_history.py"), history, str(runs), str(benchmarks), "7",
                        "--samples", str(args.samples), "--schema", "2", "--start", start.strftime("%Y-%m-%d"),
                        "--layout", args.layout],
                       check=True, stdout=subprocess.DEVNULL)
        open(os.path.join(work, ".generated"), "w").close()
    print("scale: %s generated in %s; load %s" % (size, work, load()), file=sys.stderr)
    pristine = os.path.join(work, "pristine")
    if os.path.exists(pristine):
        shutil.rmtree(pristine)
    shutil.copytree(history, pristine)

    if args.storage in ("both", "loose"):
        figures = reports(benchboard, history, work, "loose", args.layout)
        print("scale: %s reports done; load %s" % (size, load()), file=sys.stderr)
        figures["git"] = commit_runs(os.path.join(work, "data.git"), pristine)
        figures["fetch"], figures["fetch_line"] = compare_fetch(os.path.join(work, "data.git"), work)
        figures["growth"] = figures["git"] / runs * 1000
        rows.append((size, "loose files" + (" (pretty)" if args.layout == "pretty" else ""), figures))
        notes.append("%s: the site by kind of file: %s" % (size, "; ".join(
            "%s %s in %d" % (kind, human(weight), count)
            for kind, (weight, count) in sorted(figures["kinds"].items(), key=lambda item: -item[1][0]))))
        notes.append("%s: the compare job's fetch: %s" % (size, figures["fetch_line"]))

    if args.storage == "loose":
        pass
    elif subprocess.run([benchboard, "pack", "--help"], capture_output=True).returncode == 0:
        packed = os.path.join(work, "packed")
        if os.path.exists(packed):
            shutil.rmtree(packed)
        shutil.copytree(pristine, packed)
        seconds, rss, code, stderr = timed([benchboard, "pack", "--history", packed], check=False)
        if code != 0:
            notes.append("%s: `benchboard pack --history H` failed (%d): %s" % (size, code, stderr.strip().splitlines()[-1:]))
        else:
            notes.append("%s: `benchboard pack` took %.1f s, peak RSS %s" % (size, seconds, human(rss)))
            after_pack = os.path.join(work, "after-pack")
            if os.path.exists(after_pack):
                shutil.rmtree(after_pack)
            shutil.copytree(packed, after_pack)
            packed_figures = reports(benchboard, packed, work, "packed", args.layout)
            packed_figures["git"] = commit_runs(os.path.join(work, "data-packed.git"), pristine, pack_commit=after_pack)
            packed_figures["fetch"], packed_figures["fetch_line"] = compare_fetch(os.path.join(work, "data-packed.git"), work)
            packed_figures["growth"] = packed_figures["git"] / runs * 1000
            rows.append((size, "packed", packed_figures))
            notes.append("%s, packed: the site by kind of file: %s" % (size, "; ".join(
                "%s %s in %d" % (kind, human(weight), count)
                for kind, (weight, count) in sorted(packed_figures["kinds"].items(), key=lambda item: -item[1][0]))))
            notes.append("%s, packed: the compare job's fetch: %s" % (size, packed_figures["fetch_line"]))
    else:
        notes.append("%s: this benchboard has no `pack` command; loose files only" % size)

    asv = args.asv or shutil.which("asv")
    # asv publish takes minutes at 1000 runs: larger histories leave it out.
    if asv and runs <= 1000 and args.storage != "packed":
        converted = subprocess.run([sys.executable, os.path.join(HERE, "asv_side_by_side.py"), pristine,
                                    os.path.join(work, "asv"), "--asv", asv], capture_output=True, text=True)
        result = converted.stdout.strip().splitlines()[-1:] if converted.returncode == 0 else []
        if result and result[0].startswith("{"):
            published = json.loads(result[0])
            notes.append("%s: `asv publish` of the same history: %.1f s, peak RSS %s, site %s; benchboard's cold report "
                         "takes %.2f× its time" % (size, published["asv_publish_seconds"], human(published["asv_peak_rss_kib"] * 1024),
                                                   human(published["asv_site_bytes"]), figures["cold"] / published["asv_publish_seconds"]))
        else:
            notes.append("%s: asv side by side failed: %s" % (size, (converted.stderr or converted.stdout).strip()[-500:]))

    if not args.keep:
        shutil.rmtree(work)


def table(rows):
    lines = [
        "| runs × benchmarks | storage | decode only | report cold | report warm | cold ÷ decode | peak RSS cold / warm | site "
        "| history on disk | gzip | git pack after gc | growth per 1000 runs | compare job fetches |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for size, storage, f in rows:
        warm = "%.2f s" % f["warm"] + ("" if f["cache"] else " (no cache: a full report)")
        lines.append("| %s | %s | %.2f s | %.2f s | %s | %.1f× | %s / %s | %s | %s | %s | %s | %s | %s |" % (
            size.replace("x", " × "), storage, f["decode"], f["cold"], warm, f["cold"] / f["decode"],
            human(f["cold_rss"]), human(f["warm_rss"]), human(f["site"]), human(f["disk"]), human(f["gzip"]), human(f["git"]),
            human(f["growth"]), human(f["fetch"]) if f["fetch"] is not None else f["fetch_line"]))
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000x100,5000x300")
    parser.add_argument("--samples", type=int, default=20)
    parser.add_argument("--benchboard", default=os.path.join(ROOT, ".build", "release", "benchboard"))
    parser.add_argument("--work", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "benchboard-scale-bench"))
    parser.add_argument("--keep", action="store_true", help="keep each size's scratch folder")
    parser.add_argument("--asv", help="the asv executable for the side-by-side (default: asv on PATH, if any)")
    parser.add_argument("--storage", choices=["both", "loose", "packed"], default="both",
                        help="measure the loose history, a packed copy, or both")
    parser.add_argument("--layout", choices=["compact", "pretty"], default="compact",
                        help="run files as benchboard writes them (compact) or indented as it wrote them before (pretty)")
    args = parser.parse_args()
    benchboard = os.path.abspath(args.benchboard)
    if not os.access(benchboard, os.X_OK):
        sys.exit("scale: no benchboard at %s; build it with `swift build -c release` or pass --benchboard" % benchboard)
    for size in args.sizes.split(","):
        if not re.fullmatch(r"[0-9]+x[0-9]+", size):
            sys.exit("scale: a size is RUNSxBENCHMARKS (e.g. 1000x100), not '%s'" % size)
    version = subprocess.run([benchboard, "--version"], capture_output=True, text=True).stdout.strip()
    before = load()
    rows, notes = [], []
    for size in args.sizes.split(","):
        measure(size, args, benchboard, rows, notes)
    after = load()
    text = "\n".join([
        "%s, %d samples per benchmark, schema /2 (five processes each); %d cores; load average (1, 5, 15 min) "
        "%s before, %s after." % (version, args.samples, os.cpu_count() or 0, before, after),
        "",
        table(rows),
        "",
    ] + ["- " + note for note in notes])
    print(text)
    os.makedirs(args.work, exist_ok=True)
    with open(os.path.join(args.work, "results.md"), "w") as handle:
        handle.write(text + "\n")


if __name__ == "__main__":
    main()
