#!/usr/bin/env bash
# Appends run files to the history branch and pushes it, retrying when another job pushed first.
#
#   scripts/push-history.sh [--repo DIR] [--remote NAME] [--branch NAME] [--dir PATH] RUN.json...
#
#   --repo    a clone whose remote receives the runs (default: .); its credentials are used
#   --remote  default origin
#   --branch  the history branch (default: benchboard-data); created as an orphan branch when missing
#   --dir     the folder inside the branch that holds the run files (default: history)
#
# Run files have unique names and are never rewritten, so two jobs that push at once never
# conflict: the loser of the race fetches, rebases its one commit onto the winner's and pushes
# again. A file already on the branch with the same name is left as it is (a re-run job adds
# nothing twice). Exits 0 once the runs are on the remote, 1 after the last attempt failed,
# 2 on bad usage.
set -euo pipefail

repo=. remote=origin branch=benchboard-data dir=history attempts=${BENCHBOARD_PUSH_ATTEMPTS:-10}
runs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --repo) repo=$2; shift 2 ;;
        --remote) remote=$2; shift 2 ;;
        --branch) branch=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        -h|--help) sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "push-history: unknown option $1" >&2; exit 2 ;;
        *) runs+=("$1"); shift ;;
    esac
done
if [ ${#runs[@]} -eq 0 ]; then
    echo "push-history: no run files given" >&2
    exit 2
fi
if ! git check-ref-format --branch "$branch" >/dev/null 2>&1; then
    echo "push-history: '$branch' is not a valid branch name" >&2
    exit 2
fi
case "$dir" in /*|*..*) echo "push-history: --dir must be a relative path inside the branch, not '$dir'" >&2; exit 2 ;; esac
for run in "${runs[@]}"; do
    if [ ! -f "$run" ]; then
        echo "push-history: no run file at $run" >&2
        exit 2
    fi
    case "$(basename "$run")" in *.json) ;; *) echo "push-history: $run is not a .json run file" >&2; exit 2 ;; esac
done
# Absolute paths: the work happens in another folder.
absolute=()
for run in "${runs[@]}"; do absolute+=("$(cd "$(dirname "$run")" && pwd)/$(basename "$run")"); done

repo=$(cd "$repo" && pwd)
# A worktree of the user's clone shares its config, so the checkout's credentials push.
work=$(mktemp -d "${TMPDIR:-/tmp}/benchboard-history.XXXXXX")
cleanup() {
    git -C "$repo" worktree remove --force "$work" >/dev/null 2>&1 || rm -rf "$work"
    git -C "$repo" worktree prune >/dev/null 2>&1 || true
    git -C "$repo" branch -D "benchboard-new-$$" >/dev/null 2>&1 || true
    rm -f "$work.err"
}
trap cleanup EXIT

tracking="refs/benchboard/$branch"
fetch() {
    # Quietly nothing when the branch does not exist yet.
    git -C "$repo" fetch --quiet --no-tags "$remote" "+refs/heads/$branch:$tracking" 2>/dev/null
}

if fetch; then
    git -C "$repo" worktree add --quiet --detach "$work" "$tracking"
else
    git -C "$repo" worktree add --quiet --detach "$work" HEAD
    git -C "$work" checkout --quiet --orphan "benchboard-new-$$"
    git -C "$work" rm -r --quiet --cached . >/dev/null 2>&1 || true
    git -C "$work" clean -fdxq
fi

mkdir -p "$work/$dir"
added=0
for run in "${absolute[@]}"; do
    name=$(basename "$run")
    if [ -e "$work/$dir/$name" ]; then
        echo "push-history: $dir/$name is already on $branch; left as it is"
        continue
    fi
    cp "$run" "$work/$dir/$name"
    git -C "$work" add -- "$dir/$name"
    added=$((added + 1))
done
if [ "$added" -eq 0 ]; then
    echo "push-history: nothing new for $branch"
    exit 0
fi
git -C "$work" -c user.name="${GIT_AUTHOR_NAME:-benchboard}" -c user.email="${GIT_AUTHOR_EMAIL:-benchboard@users.noreply.github.com}" \
    commit --quiet -m "benchboard: add $added run file(s)"

attempt=1
while :; do
    if git -C "$work" push --quiet "$remote" "HEAD:refs/heads/$branch" 2>"$work.err"; then
        echo "push-history: $added run file(s) pushed to $branch (attempt $attempt)"
        rm -f "$work.err"
        exit 0
    fi
    if [ "$attempt" -ge "$attempts" ]; then
        echo "push-history: giving up after $attempt attempts; the last error was:" >&2
        cat "$work.err" >&2
        rm -f "$work.err"
        exit 1
    fi
    echo "push-history: $branch moved on the remote; fetching and retrying (attempt $attempt)"
    # Someone else pushed first: put this commit on top of theirs. New file names never conflict.
    fetch || true
    git -C "$work" -c user.name=benchboard -c user.email=benchboard@users.noreply.github.com \
        rebase --quiet "$tracking" || { echo "push-history: rebase onto $branch failed" >&2; git -C "$work" rebase --abort || true; exit 1; }
    # Spread out the retries of many jobs that lost the same race.
    sleep "$((attempt / 3)).$((RANDOM % 10))"
    attempt=$((attempt + 1))
done
