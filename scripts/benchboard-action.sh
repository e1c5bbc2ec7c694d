#!/usr/bin/env bash
# The steps of the benchboard GitHub Action (action.yml), as one script so they can also run and
# be tested outside GitHub. Every input comes from the environment:
#
#   BB_MODE               auto (push: record, pull_request: compare), record, compare, shard, merge
#   BB_CONFIG             the suite (default config.toml), relative to BB_PACKAGE_PATH
#   BB_PACKAGE_PATH       the Swift package that holds the benchmarks (default: benchboard itself,
#                         from the action's own folder)
#   BB_PRODUCT            its executable that calls BenchBoard.main (default benchboard)
#   BB_BIN                a folder holding an already built BB_PRODUCT and benchboard-launcher:
#                         skips the build
#   BB_HISTORY            the history folder the config writes to (default: output/history next
#                         to the config); BB_OUTPUT the report folder (default: output next to it)
#   BB_DATA_BRANCH        the branch that keeps the history (default benchboard-data)
#   BB_BASE_BRANCH        compare: the branch whose runs are the baseline
#   BB_FAIL_ON_REGRESSION compare: true to exit 1 on a regression
#   BB_COMMENT            compare: true to upsert the pull-request comment (needs GITHUB_TOKEN, BB_PULL)
#   BB_PULL               compare: the pull request number
#   BB_SHARD              shard: i/n
#   BB_RUNS               merge: the run files of the shards (whitespace-separated paths or globs)
#   BB_PUSH               record/merge: false to keep the run local (default true)
#   BB_STEP               run (default) or recover: the action's closing step, which runs even after
#                         a failure or a cancel: stores the journal of a benchboard that died
#                         (`benchboard recover`) as an interrupted run and, when recording, pushes it
#
# Writes `run-file`, `report-dir`, `pages-dir` (record, merge) and `regressed` to GITHUB_OUTPUT when that is set.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
mode=${BB_MODE:-auto}
if [ "$mode" = auto ]; then
    case "${GITHUB_EVENT_NAME:-push}" in
        pull_request|pull_request_target) mode=compare ;;
        *) mode=record ;;
    esac
fi
case "$mode" in record|compare|shard|merge) ;; *) echo "::error::mode must be auto, record, compare, shard or merge, not '$mode'"; exit 2 ;; esac

package=${BB_PACKAGE_PATH:-}
[ -n "$package" ] || package=$(dirname "$here")
package=$(cd "$package" && pwd)
product=${BB_PRODUCT:-benchboard}
config=${BB_CONFIG:-config.toml}
case "$config" in /*) ;; *) config="$package/$config" ;; esac
step=${BB_STEP:-run}
case "$step" in run|recover) ;; *) echo "::error::BB_STEP must be run or recover, not '$step'"; exit 2 ;; esac
if [ ! -f "$config" ]; then
    # The run step has already said so; the closing step has nothing to recover.
    [ "$step" = run ] || exit 0
    echo "::error::No benchboard config at $config (set the config input)"
    exit 2
fi
config_dir=$(cd "$(dirname "$config")" && pwd)
history=${BB_HISTORY:-$config_dir/output/history}
output=${BB_OUTPUT:-$config_dir/output}
case "$history" in /*) ;; *) history="$config_dir/$history" ;; esac
case "$output" in /*) ;; *) output="$config_dir/$output" ;; esac
branch=${BB_DATA_BRANCH:-benchboard-data}
set_output() { [ -z "${GITHUB_OUTPUT:-}" ] || echo "$1=$2" >>"$GITHUB_OUTPUT"; }

stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
new_runs() { find "$history" -maxdepth 1 -name '*.json' -newer "$stamp" | sort; }
# The repository of the config (the workflow's checkout), not the action's own.
repo=$(git -C "$config_dir" rev-parse --show-toplevel 2>/dev/null || echo "$config_dir")

if [ "$step" = recover ]; then
    # The closing step, after a failure or a cancel too: a benchboard killed mid-run left its
    # finished results in a journal, and a CI job has no next run to store them. Never builds.
    bin=${BB_BIN:-$(cd "$package" && swift build -c release --show-bin-path 2>/dev/null || true)}
    if [ ! -x "$bin/$product" ]; then
        echo "benchboard was not built; no run journal to recover"
        exit 0
    fi
    "$bin/$product" recover --history "$history" \
        || echo "::warning::benchboard could not recover every run journal in $history (see above)"
    mapfile -t recovered < <(new_runs)
    if [ "${#recovered[@]}" -gt 0 ] && [ "${BB_PUSH:-true}" = true ] && { [ "$mode" = record ] || [ "$mode" = merge ]; }; then
        "$here/push-history.sh" --repo "$repo" --branch "$branch" "${recovered[@]}" \
            || echo "::warning::the recovered runs could not be pushed to $branch (see above)"
    fi
    exit 0
fi

# Build (release) the benchmark executable and the launcher every isolated child starts through.
if [ -n "${BB_BIN:-}" ]; then
    bin=$BB_BIN
else
    echo "::group::swift build -c release ($product, benchboard-launcher)"
    (cd "$package" && swift build -c release --product "$product" && swift build -c release --product benchboard-launcher)
    bin=$(cd "$package" && swift build -c release --show-bin-path)
    echo "::endgroup::"
fi
benchboard=("$bin/$product")
export BENCHBOARD_LAUNCHER="$bin/benchboard-launcher"

# The history branch's runs join the local history, so reports show the trend and pull requests
# find their baseline. Missing branch: the first run starts it.
mkdir -p "$history"
if [ "$mode" = shard ]; then
    : # a shard only runs; the merge job reads and extends the history
elif git -C "$repo" fetch --quiet --no-tags origin "+refs/heads/$branch:refs/benchboard/$branch" 2>/dev/null; then
    git -C "$repo" archive "refs/benchboard/$branch" history 2>/dev/null | tar -x -C "$history" --strip-components=1 --skip-old-files \
        || echo "$branch holds no history/ folder yet"
    echo "$(find "$history" -maxdepth 1 -name '*.json' | wc -l) run files in the history after fetching $branch"
else
    echo "No $branch branch on origin yet; this run starts it"
fi

touch "$stamp"
status=0
cd "$config_dir"
case "$mode" in
    record|compare|shard)
        args=(run --config "$config")
        case "$mode" in
            record|shard) args+=(--no-report) ;;
            compare) [ -z "${BB_BASE_BRANCH:-}" ] || args+=(--baseline "branch:$BB_BASE_BRANCH") ;;
        esac
        [ "$mode" != shard ] || args+=(--shard "${BB_SHARD:?shard mode needs BB_SHARD (i/n)}")
        # A failed benchmark is a result: the run is kept and pushed, the job fails at the end.
        "${benchboard[@]}" "${args[@]}" || status=$?
        ;;
    merge)
        read -r -a runs <<<"${BB_RUNS:?merge mode needs BB_RUNS (the shards run files)}"
        # shellcheck disable=SC2206 # the globs are meant to expand
        files=(${runs[@]})
        "${benchboard[@]}" merge "${files[@]}" --history "$history" || status=$?
        ;;
esac
if [ "$status" -gt 1 ]; then
    # benchboard died or was stopped mid-run (an in-process benchmark crashed it, a kill): what
    # finished is in its journal. Store it now as an interrupted run, then report and push it as
    # usual; the job still fails with benchboard's status.
    [ "$mode" = merge ] || "${benchboard[@]}" recover --history "$history" || true
    [ -n "$(new_runs)" ] || exit "$status"
fi
run_file=$(new_runs | tail -n 1)
if [ -z "$run_file" ] && [ "$mode" = shard ] && [ "$status" -eq 0 ]; then
    # More matrix jobs than benchmarks: benchboard ran nothing and stored no run, by design.
    echo "shard $BB_SHARD holds no benchmark; no run file"
    exit 0
fi
if [ -z "$run_file" ]; then
    echo "::error::benchboard stored no run file in $history; set the history input if the config's [report] history points elsewhere"
    exit 2
fi
set_output run-file "$run_file"
echo "run file: $run_file"

case "$mode" in
    record|merge)
        if [ "${BB_PUSH:-true}" = true ]; then
            "$here/push-history.sh" --repo "$repo" --branch "$branch" "$run_file"
        fi
        "${benchboard[@]}" report --config "$config" --history "$history" --output "$output"
        set_output report-dir "$output"
        set_output pages-dir "$output"
        ;;
    compare)
        set_output report-dir "$output"
        if [ "${BB_COMMENT:-true}" = true ] && [ -n "${BB_PULL:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
            # Pull requests from forks get a read-only token: a missing comment is worth a
            # warning, not a red job.
            "${benchboard[@]}" comment --repository "$GITHUB_REPOSITORY" --pull "$BB_PULL" --summary "$output/summary.md" \
                || echo "::warning::benchboard could not comment on the pull request (see above)"
        fi
        if [ "${BB_FAIL_ON_REGRESSION:-false}" = true ] && [ -n "${BB_BASE_BRANCH:-}" ]; then
            verdict=0
            "${benchboard[@]}" compare "branch:$BB_BASE_BRANCH" "$run_file" --history "$history" --config "$config" \
                --fail-on-regression || verdict=$?
            case "$verdict" in
                0) set_output regressed false ;;
                1) set_output regressed true
                   echo "::error::benchmarks failed or regressed against $BB_BASE_BRANCH"
                   status=1 ;;
                # No run of the base branch yet (its first push has not been recorded): nothing to fail on.
                *) echo "::warning::no baseline from $BB_BASE_BRANCH to judge regressions against (see above)" ;;
            esac
        fi
        ;;
esac
exit "$status"
