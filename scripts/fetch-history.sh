#!/usr/bin/env bash
# Brings the run files of the history branch into a local history folder, fetching only the
# blobs of the files it extracts, and logs how many bytes came down.
#
#   scripts/fetch-history.sh [--repo DIR] [--remote NAME] [--branch NAME] [--dir PATH]
#                            [--runs N|all] [--since STAMP] HISTORY_DIR
#
#   --repo    the clone to fetch into (default: .)
#   --remote  default origin
#   --branch  the history branch (default: benchboard-data)
#   --dir     the folder inside the branch that holds the run files (default: history)
#   --runs    how many of the newest run files to extract (default: all). Run files are named
#             `<UTC start time>-<id>.json`, so the newest are the last by name. Whatever else
#             the folder holds (packs of older runs, in subfolders or beside the runs) comes too
#             when the window reaches the oldest run file, and only then.
#   --since   with --runs: also every run file named from this `yyyyMMddTHHmmssZ` stamp on (the
#             runs since a pull request's merge-base commit, one of which is its baseline)
#
# Only the branch's newest commit is fetched (`--depth=1`): its tree names every file, and older
# commits hold nothing it does not. With --runs, that fetch leaves the blobs out
# (`--filter=blob:none`, a partial fetch) and one more fetch brings the blobs of the chosen
# files, in one request. A server that does not allow partial fetches (`uploadpack.allowFilter`)
# ignores the filter and sends the whole branch: the same files are extracted from it. Files
# already in HISTORY_DIR are left as they are. Exits 0 also when the branch does not exist yet
# (it says so), 1 when a fetch failed, 2 on bad usage.
#
# BENCHBOARD_FETCH_TOKEN, when set, is sent as the HTTP Authorization header of this script's
# fetches only, as push-history.sh sends its token; it is never written to .git/config.
set -euo pipefail

repo=. remote=origin branch=benchboard-data dir=history runs=all since=""
history=""
while [ $# -gt 0 ]; do
    case "$1" in
        --repo) repo=$2; shift 2 ;;
        --remote) remote=$2; shift 2 ;;
        --branch) branch=$2; shift 2 ;;
        --dir) dir=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --since) since=$2; shift 2 ;;
        -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) echo "fetch-history: unknown option $1" >&2; exit 2 ;;
        *) [ -z "$history" ] || { echo "fetch-history: one history folder only, not '$1' too" >&2; exit 2; }
           history=$1; shift ;;
    esac
done
[ -n "$history" ] || { echo "fetch-history: no history folder given" >&2; exit 2; }
case "$runs" in
    all|0) runs=all ;;
    *[!0-9]*|'') echo "fetch-history: --runs takes a number of runs or all, not '$runs'" >&2; exit 2 ;;
esac
case "$since" in
    ''|[0-9][0-9][0-9][0-9][0-9][0-9][0-9][0-9]T[0-9][0-9][0-9][0-9][0-9][0-9]Z) ;;
    *) echo "fetch-history: --since takes a yyyyMMddTHHmmssZ stamp, not '$since'" >&2; exit 2 ;;
esac
if ! git check-ref-format --branch "$branch" >/dev/null 2>&1; then
    echo "fetch-history: '$branch' is not a valid branch name" >&2
    exit 2
fi
case "$dir" in /*|*..*|'') echo "fetch-history: --dir must be a relative path inside the branch, not '$dir'" >&2; exit 2 ;; esac
dir=${dir%/}
repo=$(cd "$repo" && pwd)
git -C "$repo" rev-parse --git-dir >/dev/null 2>&1 || { echo "fetch-history: $repo is not a git repository" >&2; exit 2; }
mkdir -p "$history"
history=$(cd "$history" && pwd)

# Hooks are off for the commands that talk to the remote: the token is in their environment.
remote_git=(git -c core.hooksPath=/dev/null)
if [ -n "${BENCHBOARD_FETCH_TOKEN:-}" ]; then
    remote_git+=(-c "http.extraheader=AUTHORIZATION: basic $(printf 'x-access-token:%s' "$BENCHBOARD_FETCH_TOKEN" | base64 -w0)")
fi
unset BENCHBOARD_FETCH_TOKEN
scratch=$(mktemp -d "${TMPDIR:-/tmp}/benchboard-fetch.XXXXXX")
trap 'rm -rf "$scratch"' EXIT
ref="refs/benchboard/$branch"

# What the object store holds, in KiB (loose objects and packs): the difference is what came down.
stored_kib() { git -C "$repo" count-objects -v | awk '$1 == "size:" || $1 == "size-pack:" { total += $2 } END { print total + 0 }'; }
human() {
    awk -v kib="$1" 'BEGIN { if (kib >= 1024 * 1024) printf "%.1f GiB", kib / 1048576;
        else if (kib >= 1024) printf "%.1f MiB", kib / 1024; else printf "%d KiB", kib }'
}
before=$(stored_kib)

filter=()
[ "$runs" = all ] || filter=(--filter=blob:none)
if ! "${remote_git[@]}" -C "$repo" fetch --quiet --no-tags --depth=1 ${filter[@]+"${filter[@]}"} "$remote" \
    "+refs/heads/$branch:$ref" 2>"$scratch/err"; then
    if "${remote_git[@]}" -C "$repo" ls-remote --exit-code --heads "$remote" "$branch" >/dev/null 2>&1; then
        echo "fetch-history: fetching $branch failed:" >&2
        cat "$scratch/err" >&2
        exit 1
    fi
    echo "No $branch branch on $remote yet; this run starts it"
    exit 0
fi
partial=false
if [ "${#filter[@]}" -gt 0 ]; then
    if grep -q "filtering not recognized" "$scratch/err"; then
        echo "$remote does not allow partial fetches (uploadpack.allowFilter): the whole of $branch came down"
    else
        partial=true
    fi
fi

# The branch's files under the folder, as `<mode> blob <object id>\t<path>` lines; run files oldest first.
git -C "$repo" ls-tree -r --full-tree "$ref" -- "$dir/" >"$scratch/tree"
is_run='{ path = $0; sub(/^[^\t]*\t/, "", path); run = index(path, d) == 1 && substr(path, length(d) + 1) ~ /^[^\/]*\.json$/ }'
awk -v d="$dir/" "$is_run run" "$scratch/tree" | sort -t"$(printf '\t')" -k2 >"$scratch/loose"
awk -v d="$dir/" "$is_run !run" "$scratch/tree" >"$scratch/other"
loose=$(wc -l <"$scratch/loose")
if [ "$loose" -eq 0 ] && [ ! -s "$scratch/other" ]; then
    echo "$branch holds no $dir/ folder yet"
    exit 0
fi
if [ "$runs" = all ]; then
    cp "$scratch/loose" "$scratch/chosen"
else
    # The newest --runs files, and every one from --since on.
    awk -v keep="$runs" -v total="$loose" -v d="$dir/" -v since="$since" -F '\t' \
        'NR > total - keep || (since != "" && substr($2, length(d) + 1) >= since)' "$scratch/loose" >"$scratch/chosen"
fi
chosen=$(wc -l <"$scratch/chosen")
packs=false
# Older runs than the oldest loose file live only in packs: a window that reaches it needs them.
if [ -s "$scratch/other" ] && [ "$chosen" -eq "$loose" ]; then
    cat "$scratch/other" >>"$scratch/chosen"
    packs=true
fi

# The chosen blobs that are not here yet come in one request (a partial fetch, this one or an
# earlier one into the same clone, left them out).
if git -C "$repo" config --get "remote.$remote.promisor" >/dev/null 2>&1; then
    git -C "$repo" rev-list --objects --missing=print "$ref" | sed -n 's/^?//p' | sort >"$scratch/missing"
    awk '{ print $3 }' "$scratch/chosen" | sort | comm -12 - "$scratch/missing" >"$scratch/wanted"
    if [ -s "$scratch/wanted" ] && ! "${remote_git[@]}" -C "$repo" -c fetch.negotiationAlgorithm=noop fetch --quiet --no-tags \
        --no-write-fetch-head --recurse-submodules=no --filter=blob:none --stdin "$remote" <"$scratch/wanted" 2>"$scratch/err"; then
        echo "fetch-history: fetching the run files of $branch failed:" >&2
        cat "$scratch/err" >&2
        exit 1
    fi
fi

# The chosen files as a tree of their own, built in a private index: `git archive` of the
# branch's tree with paths would still fetch the blobs of every other file first.
GIT_INDEX_FILE="$scratch/index" git -C "$repo" update-index --index-info <"$scratch/chosen"
tree=$(GIT_INDEX_FILE="$scratch/index" git -C "$repo" write-tree --missing-ok)
# Files already here are kept.
if ! git -C "$repo" archive "$tree" "$dir" | tar -x -C "$history" --strip-components="$(($(printf '%s' "$dir" | tr -cd / | wc -c) + 1))" \
    --skip-old-files; then
    echo "fetch-history: extracting the run files of $branch into $history failed" >&2
    exit 1
fi
after=$(stored_kib)
came=$((after > before ? after - before : 0))
if [ "$runs" = all ]; then
    echo "fetched $branch: all $loose run files$([ "$packs" = false ] || echo ' and its packs'); $(human "$came") came down"
else
    echo "fetched $branch: $chosen of $loose run files$([ "$packs" = false ] || echo ' and its packs')" \
        "($([ "$partial" = true ] && echo 'a partial fetch' || echo 'the whole branch')); $(human "$came") came down"
fi
