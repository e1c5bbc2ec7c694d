#!/usr/bin/env bash
# Appends run files to the history branch and pushes it, retrying when another job pushed first.
#
#   scripts/push-history.sh [--repo DIR] [--remote NAME] [--branch NAME] [--dir PATH] RUN.json...
#
#   --repo    a clone whose remote receives the runs (default: .)
#   --remote  default origin
#   --branch  the history branch (default: benchboard-data); created as an orphan branch when missing
#   --dir     the folder inside the branch that holds the run files (default: history)
#
# Run files have unique names and are never rewritten, so two jobs that push at once never
# conflict: the loser of the race fetches the winner's tip, adds its files on top of it and pushes
# again. A file already on the branch with the same name is left as it is (a re-run job adds
# nothing twice). Each attempt fetches only the tip's commit and trees (`--depth=1
# --filter=blob:none`; a server without partial fetches sends the blobs too): the new commit is
# built on the tip's tree without reading one run file, so appending never downloads the
# history. Exits 0 once the runs are on the remote, 1 after the last attempt failed, 2 on bad
# usage.
#
# A pack (pack-YYYY-MM-N.jsonl.gz, from `benchboard pack`) is added the same way, and the run
# files its index names leave the branch in the same commit, on every attempt against the tip
# fetched for it. A pack whose name the tip already holds with other bytes (another job packed
# other runs into that part first) is left out: its runs stay run files on the branch, and a
# later pack packs them into the next part. So no run is lost and none is in two packs.
#
# BENCHBOARD_PUSH_TOKEN, when set, is sent as the HTTP Authorization header of this script's own
# fetches and pushes only (`git -c http.extraheader`), the way actions/checkout sends it, so the
# clone needs no stored credentials (actions/checkout with `persist-credentials: false`) and the
# token is never written to .git/config. Without it, the clone's own credentials are used.
set -euo pipefail

repo=. remote=origin branch=benchboard-data dir=history attempts=${BENCHBOARD_PUSH_ATTEMPTS:-10}
runs=()
while [ $# -gt 0 ]; do
    case "$1" in
        --repo) repo=$2; shift 2 ;;
        --remote) remote=$2; shift 2 ;;
        --branch) branch=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        -h|--help) sed -n '2,29p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
    case "$(basename "$run")" in *.json|pack-*.jsonl.gz) ;; *) echo "push-history: $run is not a .json run file or a pack" >&2; exit 2 ;; esac
done
# Absolute paths: the work happens in another folder.
absolute=()
for run in "${runs[@]}"; do absolute+=("$(cd "$(dirname "$run")" && pwd)/$(basename "$run")"); done

repo=$(cd "$repo" && pwd)
git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || { echo "push-history: $repo is not a git repository" >&2; exit 2; }
# The commit is built with git's plumbing in a private index: nothing is checked out, so the
# user's work tree and branches are never touched and a large history costs nothing to add to.
scratch=$(mktemp -d "${TMPDIR:-/tmp}/benchboard-history.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
export GIT_INDEX_FILE="$scratch/index"
tracking="refs/benchboard/$branch"
author_name=${GIT_AUTHOR_NAME:-benchboard}
author_email=${GIT_AUTHOR_EMAIL:-benchboard@users.noreply.github.com}
export GIT_AUTHOR_NAME="$author_name" GIT_AUTHOR_EMAIL="$author_email"
export GIT_COMMITTER_NAME="${GIT_COMMITTER_NAME:-$author_name}" GIT_COMMITTER_EMAIL="${GIT_COMMITTER_EMAIL:-$author_email}"
# The git commands that talk to the remote. Hooks are off for them: a hook in the clone (which
# the benchmarks could write) would run while the token is in git's environment.
remote_git=(git -c core.hooksPath=/dev/null)
if [ -n "${BENCHBOARD_PUSH_TOKEN:-}" ]; then
    remote_git+=(-c "http.extraheader=AUTHORIZATION: basic $(printf 'x-access-token:%s' "$BENCHBOARD_PUSH_TOKEN" | base64 -w0)")
fi
unset BENCHBOARD_PUSH_TOKEN

# Builds a commit that adds the run files to the branch's current tip (or starts the branch);
# prints its id, or nothing when every file is already there.
build_commit() {
    local parent="" added=0 name blob
    # Quietly nothing when the branch does not exist yet.
    if "${remote_git[@]}" -C "$repo" fetch --quiet --no-tags --depth=1 --filter=blob:none "$remote" "+refs/heads/$branch:$tracking" 2>/dev/null; then
        parent=$(git -C "$repo" rev-parse --verify "$tracking^{commit}")
        git -C "$repo" read-tree "$parent"
    else
        git -C "$repo" read-tree --empty
    fi
    for run in "${absolute[@]}"; do
        name=$(basename "$run")
        if git -C "$repo" ls-files --error-unmatch -- "$dir/$name" >/dev/null 2>&1; then
            case "$name" in
                pack-*) [ "$(git -C "$repo" rev-parse ":$dir/$name")" = "$(git -C "$repo" hash-object -- "$run")" ] \
                    || echo "push-history: $branch already has another $dir/$name; this pack is left out and its runs stay run files" >&2 ;;
                *) echo "push-history: $dir/$name is already on $branch; left as it is" >&2 ;;
            esac
            continue
        fi
        blob=$(git -C "$repo" hash-object -w -- "$run")
        git -C "$repo" update-index --add --cacheinfo "100644,$blob,$dir/$name"
        added=$((added + 1))
        case "$name" in pack-*) ;; *) continue ;; esac
        # The run files the pack holds, named in its index (its first line): off the branch.
        for member in $( (gzip -dc -- "$run" 2>/dev/null || true) | head -n 1 | grep -o '"file":"[^"/]*"' | sed 's/^"file":"//; s/"$//'); do
            git -C "$repo" update-index --force-remove -- "$dir/$member"
        done
    done
    [ "$added" -gt 0 ] || return 0
    local tree
    # --missing-ok: the other runs' blobs are on the remote only, and must stay there.
    tree=$(git -C "$repo" write-tree --missing-ok)
    git -C "$repo" commit-tree "$tree" ${parent:+-p "$parent"} -m "benchboard: add $added run file(s)"
}

attempt=1
while :; do
    commit=$(build_commit)
    if [ -z "$commit" ]; then
        echo "push-history: nothing new for $branch"
        exit 0
    fi
    # Without --force: a push that would drop someone else's run is refused by the remote.
    if "${remote_git[@]}" -C "$repo" push --quiet "$remote" "$commit:refs/heads/$branch" 2>"$scratch/err"; then
        echo "push-history: pushed to $branch (attempt $attempt)"
        exit 0
    fi
    if [ "$attempt" -ge "$attempts" ]; then
        echo "push-history: giving up after $attempt attempts; the last error was:" >&2
        cat "$scratch/err" >&2
        exit 1
    fi
    echo "push-history: $branch moved on the remote; fetching and retrying (attempt $attempt)"
    # Spread out the retries of many jobs that lost the same race.
    sleep "$((attempt / 3)).$((RANDOM % 10))"
    attempt=$((attempt + 1))
done
