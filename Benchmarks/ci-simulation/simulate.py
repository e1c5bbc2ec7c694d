#!/usr/bin/env python3
"""The CI simulation: the action's steps for a scratch project, job after job, timed and checked.

    simulate.py --action DIR --dist DIR --version X.Y.Z [--work DIR]

--dist holds benchboard-X.Y.Z-linux-<arch>.tar.gz and its .sha256 (run.sh packages them). The
jobs run action.yml's steps through Tests/Fixtures/action-runner/run_action.py, each step with the
environment action.yml gives it, the `version` input set to X.Y.Z: the install step downloads the
release from a local HTTP server (BENCHBOARD_RELEASE_BASE_URL) and verifies its checksum. `origin`
is a local bare repository (the data branch goes there) and the GitHub API a local fake, one per
pull request (the comments go there). A `swift` first on PATH records every call and fails, so a job
that tried to build benchboard fails and is reported.

Jobs, in order: push to main (record), a second push (record), a pull request that makes `hash`
twice as slow (compare, comment, fail-on-regression), the same pull request fixed, then a matrix
on a pull request with the slowdown (two shards, merge and compare) and on a push (two shards,
merge and record). Prints a table of seconds per step and job, and exits 1 when an expected
outcome did not happen. Only `hash` changes: another benchmark called slower is listed as noise
(the verdict rules' false positive on this machine), not as a failed expectation.
"""
import argparse
import datetime
import glob
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
STEPS = ["install", "fetch", "build", "bench", "recover", "push", "comment"]
TOKEN = "ghs_cisimulation0000000000000000000000"
REPOSITORY = "octo-org/project"

parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
parser.add_argument("--action", required=True, help="the action's folder (the benchboard checkout)")
parser.add_argument("--dist", required=True, help="the folder holding the release tarball and its .sha256")
parser.add_argument("--version", required=True, help="the release version the jobs install")
parser.add_argument("--work", help="scratch folder (default: a new temporary one, removed unless --keep)")
parser.add_argument("--keep", action="store_true", help="keep the scratch folder")
parser.add_argument("--json", help="also write the jobs' figures to this file")
ARGS = parser.parse_args()
ACTION = os.path.abspath(ARGS.action)
RUNNER = os.path.join(ACTION, "Tests/Fixtures/action-runner/run_action.py")
FAKE_API = os.path.join(ACTION, "Tests/Fixtures/fake-github/fake_github.py")
WORK = os.path.abspath(ARGS.work) if ARGS.work else tempfile.mkdtemp(prefix="benchboard-cisim-")
os.makedirs(WORK, exist_ok=True)

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Octo Cat", "GIT_AUTHOR_EMAIL": "octo@example.invalid",
    "GIT_COMMITTER_NAME": "Octo Cat", "GIT_COMMITTER_EMAIL": "octo@example.invalid",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def sh(command, cwd=WORK, check=True):
    """A shell command of the simulation itself (not of a job); its output."""
    env = dict(os.environ, **GIT_ENV, HOME=os.path.join(WORK, "home"))
    done = subprocess.run(["bash", "-c", command], cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    text = done.stdout.decode("utf-8", "replace")
    if check and done.returncode != 0:
        raise SystemExit("simulation setup failed: %s\n%s" % (command, text))
    return text


# --- the release host: serves --dist and counts the bytes it sends -------------------------------
class ReleaseHost(http.server.SimpleHTTPRequestHandler):
    sent = 0
    lock = threading.Lock()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=os.path.abspath(ARGS.dist), **kwargs)

    def log_message(self, *args):
        pass

    def copyfile(self, source, destination):
        data = source.read()
        destination.write(data)
        with ReleaseHost.lock:
            ReleaseHost.sent += len(data)


release_host = http.server.ThreadingHTTPServer(("127.0.0.1", 0), ReleaseHost)
threading.Thread(target=release_host.serve_forever, daemon=True).start()
RELEASE_URL = "http://127.0.0.1:%d" % release_host.server_address[1]

# --- the fake GitHub API: one per pull request, so each one's comments can be counted ----------
APIS = {}


def api_for(pull):
    """The fake API of pull request `pull` (started on first use): its URL and state file."""
    if pull not in APIS:
        state = os.path.join(WORK, "github-state-%d.json" % pull)
        with open(state, "w") as f:
            json.dump({"token": TOKEN, "comments": [], "fail": {}}, f)
        process = subprocess.Popen([sys.executable, FAKE_API, state, "--lifetime", "3600"], stdout=subprocess.PIPE)
        APIS[pull] = (process, "http://127.0.0.1:%s" % process.stdout.readline().decode().strip(), state)
    return APIS[pull][1]


def api_comments(pull):
    if pull not in APIS:
        return []
    with open(APIS[pull][2]) as f:
        return json.load(f).get("comments", [])


# --- a swift that refuses: no job may build benchboard ------------------------------------------
SHIM = os.path.join(WORK, "shim")
SWIFT_CALLS = os.path.join(WORK, "swift-calls.log")
os.makedirs(SHIM, exist_ok=True)
with open(os.path.join(SHIM, "swift"), "w") as f:
    f.write("#!/bin/sh\necho \"swift $*\" >>'%s'\n"
            "echo 'swift is not available in this simulated job' >&2\nexit 127\n" % SWIFT_CALLS)
os.chmod(os.path.join(SHIM, "swift"), 0o755)
open(SWIFT_CALLS, "w").close()

# --- the scratch project: origin (a bare repository) and its commits ----------------------------
os.makedirs(os.path.join(WORK, "home"), exist_ok=True)
sh("git init -q --bare -b main origin.git && git clone -q origin.git author 2>/dev/null")
AUTHOR = os.path.join(WORK, "author")
shutil.copytree(os.path.join(HERE, "project"), AUTHOR, dirs_exist_ok=True)


def commit(message, slowdown=None, branch=None):
    """A commit of the author's clone, pushed to origin; `slowdown` sets HASH_ROUNDS. Its id."""
    if branch:
        sh("git checkout -q -B %s main" % branch if branch != "main" else "git checkout -q main", cwd=AUTHOR)
    if slowdown is not None:
        sh("sed -i 's/^#define HASH_ROUNDS .*/#define HASH_ROUNDS %d/' src/work.c" % slowdown, cwd=AUTHOR)
    else:
        sh("echo '%s' >> CHANGES" % message, cwd=AUTHOR)
    sh("git add -A && git commit -qm '%s' && git push -q origin HEAD" % message, cwd=AUTHOR)
    return sh("git rev-parse HEAD", cwd=AUTHOR).strip()


# --- one job -------------------------------------------------------------------------------------
JOBS = []


def job(name, event, sha, inputs, pull=None, head_ref="", artifacts=None):
    """Checks out `sha` into a fresh workspace (a fresh runner: own HOME and RUNNER_TEMP), builds
    the project's program, then runs the action's steps. Returns the job's record."""
    folder = os.path.join(WORK, "jobs", name)
    workspace = os.path.join(folder, "workspace")
    for sub in ("home", "temp"):
        os.makedirs(os.path.join(folder, sub), exist_ok=True)
    started = time.monotonic()
    # actions/checkout with persist-credentials: false, then the project's own build step.
    sh("git clone -q '%s/origin.git' '%s' && git -C '%s' checkout -q --detach %s && '%s/build.sh'"
       % (WORK, workspace, workspace, sha, workspace))
    if artifacts:
        # actions/download-artifact: the shards' run files.
        os.makedirs(os.path.join(workspace, "shards"))
        for index, path in enumerate(artifacts):
            shutil.copy(path, os.path.join(workspace, "shards", "shard-%d.json" % (index + 1)))
    checkout = time.monotonic() - started
    github = {
        "token": TOKEN, "workspace": workspace, "event_name": event, "repository": REPOSITORY, "sha": sha,
        "action_repository": "benchboard/benchboard", "base_ref": "main" if pull else "",
        "event": {"repository": {"default_branch": "main"}},
    }
    if pull:
        github["event"]["pull_request"] = {"number": pull}
    env = {
        "PATH": SHIM + ":" + os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.path.join(folder, "home"),
        "RUNNER_TEMP": os.path.join(folder, "temp"),
        "GITHUB_WORKSPACE": workspace,
        "GITHUB_EVENT_NAME": event,
        "GITHUB_REPOSITORY": REPOSITORY,
        # A push comments nowhere; its API refuses every request.
        "GITHUB_API_URL": api_for(pull) if pull else "http://127.0.0.1:9",
        "GITHUB_SHA": sha,
        "GITHUB_REF_NAME": "%d/merge" % pull if pull else "main",
        "GITHUB_HEAD_REF": head_ref,
        "GITHUB_ACTIONS": "true",
        "CI": "true",
        "NO_COLOR": "1",
        "BENCHBOARD_RELEASE_BASE_URL": RELEASE_URL,
    }
    env.update(GIT_ENV)
    inputs = dict({"version": ARGS.version, "config": "bench/config.toml"}, **inputs)
    spec = {"inputs": inputs, "github": github, "env": env, "workspace": workspace}
    with open(os.path.join(folder, "job.json"), "w") as f:
        json.dump(spec, f, indent=1)
    result_path = os.path.join(folder, "result.json")
    sent_before = ReleaseHost.sent
    comments_before = {c["id"]: c["body"] for c in api_comments(pull)}
    started = time.monotonic()
    runner = subprocess.run([sys.executable, RUNNER, ACTION, os.path.join(folder, "job.json"), result_path],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    seconds = time.monotonic() - started
    if runner.returncode != 0:
        raise SystemExit("run_action.py failed for %s:\n%s" % (name, runner.stdout.decode()))
    with open(result_path) as f:
        result = json.load(f)
    steps = {s["id"]: s for s in result["steps"]}
    run_file = steps.get("bench", {}).get("outputs", {}).get("run-file", "")
    suite = 0.0
    if inputs.get("mode") != "merge":
        # The suite's own wall time, as `benchboard run` prints it ("wall time 9.85 s"); else from
        # the run file's start to its end (whole seconds).
        wall = re.search(r"wall time ([0-9.]+) (ms|s)\b", steps.get("bench", {}).get("log", ""))
        if wall:
            suite = float(wall.group(1)) / (1000.0 if wall.group(2) == "ms" else 1.0)
        elif run_file and os.path.exists(run_file):
            with open(run_file) as f:
                record = json.load(f)
            suite = (parse_time(record["finishedAt"]) - parse_time(record["startedAt"])).total_seconds()
    comment = ""
    for c in api_comments(pull):
        if comments_before.get(c["id"]) != c["body"]:
            comment = c["body"]
    record = {
        "name": name, "event": event, "sha": sha, "pull": pull, "inputs": inputs, "failed": result["failed"],
        "checkout": checkout, "seconds": seconds,
        "steps": {sid: s.get("seconds", 0.0) for sid, s in steps.items() if s.get("status") is not None},
        "status": {sid: s.get("status") for sid, s in steps.items()},
        "suite": suite, "bytes": ReleaseHost.sent - sent_before, "run_file": run_file, "comment": comment,
        "outputs": {sid: s.get("outputs", {}) for sid, s in steps.items()},
        "logs": {sid: s.get("log", "") for sid, s in steps.items()},
        "summary": "".join(s.get("summary", "") for s in result["steps"]),
    }
    record["total"] = sum(record["steps"].values())
    JOBS.append(record)
    print("  %-22s %5.1f s  (%s)" % (name, record["total"], ", ".join(
        "%s %.1f" % (sid, record["steps"][sid]) for sid in STEPS if sid in record["steps"])), flush=True)
    return record


def parse_time(text):
    return datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))


def verdicts(body):
    """The comment's rows: benchmark → (change, verdict up to its explanation)."""
    rows = {}
    for line in body.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) == 5 and cells[0] not in ("Benchmark",) and not cells[0].startswith(":"):
            rows[cells[0]] = (cells[3], cells[4].split(":")[0])
    return rows


def verdict_line(body):
    """The comment's headline (### …), the `hash` row, and any other benchmark called slower."""
    headline = next((line[4:].strip() for line in body.splitlines() if line.startswith("### ")), "")
    if not headline:
        return ""
    rows = verdicts(body)
    text = headline
    if "hash" in rows:
        text += " · hash %s %s" % rows["hash"]
    others = ["%s %s %s" % (name, change, verdict) for name, (change, verdict) in rows.items()
              if name != "hash" and "slower" in verdict]
    return text + (" · also " + ", ".join(others) if others else "")


# --- the jobs ------------------------------------------------------------------------------------
PROBLEMS = []
NOISE = []


def expect(condition, message, record=None):
    if not condition:
        detail = ""
        if record:
            detail = "\n".join("--- %s (%s)\n%s" % (sid, record["status"].get(sid), log)
                               for sid, log in record["logs"].items())
        PROBLEMS.append(message + ("\n" + detail if detail else ""))


try:
    print("release host %s, scratch %s" % (RELEASE_URL, WORK), flush=True)
    first = commit("project with benchmarks")
    push1 = job("push 1 (record)", "push", first, {})
    second = commit("second push")
    push2 = job("push 2 (record)", "push", second, {})
    slow = commit("hash: two rounds", slowdown=2, branch="feature")
    pr_slow = job("PR slow (compare)", "pull_request", slow, {"fail-on-regression": "true"}, pull=11, head_ref="feature")
    fixed = commit("hash: one round again", slowdown=1)
    pr_fixed = job("PR fixed (compare)", "pull_request", fixed, {"fail-on-regression": "true"}, pull=11, head_ref="feature")

    matrix_slow = commit("hash: two rounds, again", slowdown=2, branch="matrix")
    shard_runs = []
    for shard in ("1/2", "2/2"):
        record = job("PR shard %s" % shard, "pull_request", matrix_slow, {"mode": "shard", "shard": shard},
                     pull=12, head_ref="matrix")
        shard_runs.append(record["run_file"])
    matrix_pr = job("PR merge (compare)", "pull_request", matrix_slow,
                    {"mode": "merge", "runs": "shards/*.json", "fail-on-regression": "true"},
                    pull=12, head_ref="matrix", artifacts=shard_runs)
    third = commit("third push", branch="main")
    shard_runs = []
    for shard in ("1/2", "2/2"):
        record = job("push shard %s" % shard, "push", third, {"mode": "shard", "shard": shard})
        shard_runs.append(record["run_file"])
    matrix_push = job("push merge (record)", "push", third, {"mode": "merge", "runs": "shards/*.json"},
                      artifacts=shard_runs)

    # --- what must have happened -----------------------------------------------------------------
    for record in JOBS:
        expect("Checksum verified" in record["logs"].get("install", ""),
               "%s: the install step did not download and verify the release" % record["name"], record)
        expect(record["bytes"] > 0, "%s: nothing was fetched from the release host" % record["name"])
    with open(SWIFT_CALLS) as f:
        calls = f.read()
    expect(calls == "", "swift was invoked (a job tried to build benchboard):\n" + calls)
    for record in (push1, push2, matrix_push):
        expect(not record["failed"], "%s failed" % record["name"], record)
    for record in (push1, push2, matrix_push):
        expect("pushed to benchboard-data" in record["logs"].get("push", ""), "%s pushed nothing" % record["name"], record)
    expect(pr_slow["failed"], "the pull request with the slowdown did not fail the job", pr_slow)
    expect(pr_slow["outputs"].get("bench", {}).get("regressed") == "true", "the slowdown was not reported as a regression", pr_slow)
    expect(matrix_pr["failed"] and matrix_pr["outputs"].get("bench", {}).get("regressed") == "true",
           "the matrix merge did not find the slowdown", matrix_pr)
    for record in (pr_slow, matrix_pr):
        hash_verdict = verdicts(record["comment"]).get("hash", ("", ""))[1]
        expect("slower" in hash_verdict, "%s: hash is not called slower in the comment (%r)" % (record["name"], hash_verdict))
    fixed_hash = verdicts(pr_fixed["comment"]).get("hash", ("", ""))[1]
    expect(fixed_hash != "" and "slower" not in fixed_hash, "the fixed pull request still calls hash slower (%r)" % fixed_hash)
    # Only `hash` changes; any other benchmark called slower is the machine's noise, reported apart.
    for record in (pr_slow, pr_fixed, matrix_pr):
        for name, (change, verdict) in verdicts(record["comment"]).items():
            if name != "hash" and "slower" in verdict:
                NOISE.append("%s: %s %s %s (its code did not change)" % (record["name"], name, change, verdict))
    if not NOISE:
        expect(not pr_fixed["failed"], "the fixed pull request failed", pr_fixed)
    for record in (pr_slow, pr_fixed, matrix_pr):
        expect(record["comment"].startswith("<!-- benchboard-summary -->"), "%s wrote no comment" % record["name"], record)
        expect(record["logs"].get("push", "") == "", "%s pushed to the data branch" % record["name"], record)
    for pull in (11, 12):
        count = len(api_comments(pull))
        expect(count == 1, "pull request #%d has %d comments; the comment is upserted, so one" % (pull, count))
    files = sh("git --git-dir=origin.git ls-tree --name-only -r benchboard-data").split()
    runs = {}
    for path in files:
        run = json.loads(sh("git --git-dir=origin.git show benchboard-data:%s" % path))
        runs[path] = run
    commits = sorted(((run.get("git") or {}).get("commit") or "") for run in runs.values())
    expect(commits == sorted([first, second, third]),
           "the data branch should hold one run of each push (%s), it holds %s" % ([first, second, third], commits))
    expect(all(len(run["benchmarks"]) == 4 for run in runs.values()),
           "every run on the data branch should hold the 4 benchmarks (the merged one too)")
finally:
    for process, _, _ in APIS.values():
        process.terminate()
    release_host.shutdown()

# --- the table -----------------------------------------------------------------------------------
tarball = glob.glob(os.path.join(ARGS.dist, "benchboard-%s-linux-*.tar.gz" % ARGS.version))
print()
print("benchboard %s from %s (%s bytes); every job a fresh runner: download, verify, unpack" % (
    ARGS.version, RELEASE_URL, os.path.getsize(tarball[0]) if tarball else "?"))
header = "| job | " + " | ".join(STEPS) + " | total s | outside suite s | suite s | fetched bytes | comment verdict |"
print(header)
print("|" + "---|" * (len(STEPS) + 6))
for record in JOBS:
    cells = ["%.2f" % record["steps"][sid] if sid in record["steps"] else "–" for sid in STEPS]
    print("| %s | %s | %.1f | %.1f | %.1f | %d | %s |" % (
        record["name"], " | ".join(cells), record["total"], record["total"] - record["suite"], record["suite"],
        record["bytes"], verdict_line(record["comment"]) or ("red (fail-on-regression)" if record["failed"] else "–")))
print()
print("checkout + the project's own build (cc), not counted above: %s s" % ", ".join("%.1f" % r["checkout"] for r in JOBS))
print("data branch: %d run files; swift invocations: %d" % (len(files), len([l for l in calls.splitlines() if l])))
if ARGS.json:
    with open(ARGS.json, "w") as f:
        json.dump([{k: v for k, v in r.items() if k != "logs"} for r in JOBS], f, indent=1)
if NOISE:
    print("\nBenchmarks called slower whose code did not change (noise; the fixed pull request's job is red for them):")
    for line in NOISE:
        print("- " + line)
if PROBLEMS:
    print("\nNOT AS EXPECTED:")
    for problem in PROBLEMS:
        print("- " + problem)
if not ARGS.keep and not ARGS.work:
    shutil.rmtree(WORK, ignore_errors=True)
sys.exit(1 if PROBLEMS else 0)
