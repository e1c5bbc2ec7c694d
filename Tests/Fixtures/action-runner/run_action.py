#!/usr/bin/env python3
"""Runs the steps of a composite action.yml the way the GitHub runner does, for tests.

    run_action.py ACTION_DIR JOB.json RESULT.json

Each `run` step gets what the runner gives it and nothing else: JOB.json's `env` (the job's
environment; it must not hold the token), GITHUB_ACTION_PATH, a fresh GITHUB_OUTPUT and
GITHUB_STEP_SUMMARY, and the step's own `env:` from action.yml with its `${{ }}` expressions
substituted. The expressions are evaluated from JOB.json's tables (`inputs`, `github`, the
earlier steps' outputs); only what action.yml uses is understood (a dotted name, a quoted
string, `a || b`), and anything else stops the run, so the action cannot drift into
expressions this stand-in would get wrong. Inputs missing from JOB.json take action.yml's
default (an expression default is evaluated the same way).

`if:` is `always()` or absent (a step without it is skipped after a failed step); `uses:`
steps are recorded as skipped. JOB.json's `after` maps a step id to a shell command run right
after that step (with the job's environment), for checks between steps.

RESULT.json: {"steps": [{"id", "status", "seconds", "log", "summary", "outputs", "env"}],
"after": {"id": log}, "failed": bool}.
"""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

import yaml

ACTION_DIR, JOB_PATH, RESULT_PATH = sys.argv[1:4]
with open(JOB_PATH) as f:
    JOB = json.load(f)
with open(os.path.join(ACTION_DIR, "action.yml")) as f:
    ACTION = yaml.safe_load(f)

EXPRESSION = re.compile(r"\$\{\{(.*?)\}\}", re.S)
NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$")
LITERAL = re.compile(r"^'([^']*)'$")


def lookup(name, context):
    value = context
    for part in name.split("."):
        if not isinstance(value, dict):
            return ""
        value = value.get(part, "")
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value if isinstance(value, str) else json.dumps(value) if isinstance(value, (dict, list)) else str(value)


def evaluate(expression, context):
    for term in expression.split("||"):
        term = term.strip()
        literal = LITERAL.match(term)
        if literal:
            value = literal.group(1)
        elif NAME.match(term):
            value = lookup(term, context)
        else:
            raise SystemExit("run_action.py: unsupported expression %r in action.yml" % expression)
        if value:
            return value
    return ""


def substitute(text, context):
    return EXPRESSION.sub(lambda m: evaluate(m.group(1), context), str(text))


context = {"github": JOB.get("github", {}), "inputs": {}, "steps": {}, "runner": JOB.get("runner", {})}
for name, spec in (ACTION.get("inputs") or {}).items():
    if name in JOB.get("inputs", {}):
        context["inputs"][name] = str(JOB["inputs"][name])
    else:
        context["inputs"][name] = substitute((spec or {}).get("default", ""), context)
unknown = set(JOB.get("inputs", {})) - set((ACTION.get("inputs") or {}))
if unknown:
    raise SystemExit("run_action.py: action.yml has no input %s" % ", ".join(sorted(unknown)))

scratch = tempfile.mkdtemp(prefix="run-action-")
result = {"steps": [], "after": {}, "failed": False}
for index, step in enumerate(ACTION["runs"]["steps"]):
    sid = step.get("id", "step%d" % index)
    condition = str(step.get("if", "")).strip()
    if "uses" in step:
        result["steps"].append({"id": sid, "status": "skipped", "uses": step["uses"]})
        continue
    if condition not in ("", "always()"):
        raise SystemExit("run_action.py: unsupported if: %r on step %s" % (condition, sid))
    if result["failed"] and condition != "always()":
        result["steps"].append({"id": sid, "status": "skipped"})
        continue
    if step.get("shell") != "bash":
        raise SystemExit("run_action.py: step %s is not a bash step" % sid)
    output = os.path.join(scratch, "%s.output" % sid)
    summary = os.path.join(scratch, "%s.summary" % sid)
    log = os.path.join(scratch, "%s.log" % sid)
    script = os.path.join(scratch, "%s.sh" % sid)
    for path in (output, summary):
        open(path, "w").close()
    with open(script, "w") as f:
        f.write(substitute(step["run"], context))
    env = dict(JOB.get("env", {}))
    env.update({"GITHUB_ACTION_PATH": ACTION_DIR, "GITHUB_OUTPUT": output, "GITHUB_STEP_SUMMARY": summary})
    step_env = {name: substitute(value, context) for name, value in (step.get("env") or {}).items()}
    env.update(step_env)
    started = time.monotonic()
    with open(log, "w") as out:
        # As the runner does: bash --noprofile --norc -eo pipefail {0}
        status = subprocess.call(["bash", "--noprofile", "--norc", "-eo", "pipefail", script],
                                 env=env, cwd=JOB.get("workspace") or None, stdout=out, stderr=subprocess.STDOUT,
                                 stdin=subprocess.DEVNULL)
    seconds = time.monotonic() - started
    outputs = {}
    with open(output) as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if "<<" in line and "=" not in line.split("<<")[0]:
            name, delimiter = line.split("<<", 1)
            body = []
            i += 1
            while i < len(lines) and lines[i] != delimiter:
                body.append(lines[i])
                i += 1
            outputs[name] = "\n".join(body)
        elif "=" in line:
            name, value = line.split("=", 1)
            outputs[name] = value
        i += 1
    context["steps"][sid] = {"outputs": outputs}
    with open(log) as f, open(summary) as g:
        record = {"id": sid, "status": status, "seconds": round(seconds, 3), "log": f.read(),
                  "summary": g.read(), "outputs": outputs, "env": step_env}
    result["steps"].append(record)
    if status != 0:
        result["failed"] = True
    after = JOB.get("after", {}).get(sid)
    if after:
        checked = subprocess.run(["bash", "-c", after], env=dict(JOB.get("env", {})), cwd=JOB.get("workspace") or None,
                                 stdout=subprocess.PIPE, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        result["after"][sid] = checked.stdout.decode("utf-8", "replace")

with open(RESULT_PATH, "w") as f:
    json.dump(result, f, indent=1)
