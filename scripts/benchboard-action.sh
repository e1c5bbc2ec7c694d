#!/usr/bin/env bash
# The steps of the benchboard GitHub Action (action.yml), as one script so they can also run and
# be tested outside GitHub. BB_STEP picks the step; every input comes from the environment, and
# each step of action.yml hands it only what that step needs. Only the steps that talk to GitHub
# (fetch, push, comment) ever hold a token: the build and the benchmarks run in steps whose
# environment never held one.
#
#   BB_STEP               fetch    bring the history branch's runs into the local history (token)
#                         build    build BB_PRODUCT and benchboard-launcher (release); prints bin=
#                         run      run the suite (or merge the shards), store the run, render the
#                                  reports, judge regressions (the default; no token)
#                         recover  after a failure or a cancel too: store the journal of a
#                                  benchboard that died as an interrupted run (no token)
#                         push     record: append the new run files to the data branch (token)
#                         comment  compare: upsert the pull-request comment, or put the summary in
#                                  the job summary when the token may not comment (token)
#   BB_MODE               auto (push: record, pull_request: compare), record, compare, shard, merge
#                         (merge: merge the shards' runs, then compare on pull_request events and
#                         record on the others)
#   BB_CONFIG             the suite (default config.toml), relative to BB_PACKAGE_PATH, or to the
#                         workspace when BB_PACKAGE_PATH is empty
#   BB_PACKAGE_PATH       the Swift package that holds the benchmarks (default: benchboard itself,
#                         from the action's own folder)
#   BB_PRODUCT            its executable that calls BenchBoard.main (default benchboard)
#   BB_BIN                a folder holding an already built BB_PRODUCT, benchboard-launcher and
#                         benchboard-github (comment's HTTP client):
#                         skips the build
#   BB_HISTORY            the history folder the config writes to (default: output/history next
#                         to the config); BB_OUTPUT the report folder (default: output next to it)
#   BB_DATA_BRANCH        the branch that keeps the history (default benchboard-data)
#   BB_FETCH_RUNS         fetch, compare: how many of the newest run files to fetch, besides those
#                         since the merge base (default 100; all: the whole history)
#   BB_BASE_BRANCH        compare: the branch whose runs are the baseline (and the A/B base's name)
#   BB_MERGE_BASE         compare: the commit the pull request branched from (default: git
#                         merge-base of origin/BB_BASE_BRANCH and HEAD, when git knows both); its
#                         run is the baseline when the history has one, else the branch's newest
#   BB_AB                 compare on a pull request: false to skip the A/B judgement (default true)
#   BB_BASE_SHA           compare on a pull request: the base commit; fetch fetches it, build
#                         checks it out in a worktree and builds it there, run judges A/B against it
#   BB_AB_ROUNDS          run: the rounds of the A/B judgement (default 8)
#   BB_BASE_DIR, BB_BASE_BIN  run: the base tree's config folder and the folder of the base build's
#                         BB_PRODUCT, from the build step (empty: no A/B, the history judges)
#   BB_FAIL_ON_REGRESSION compare: true to exit 1 on a regression
#   BB_COMMENT            compare: true to upsert the pull-request comment (needs BB_PULL)
#   BB_PULL               compare: the pull request number
#   BB_SHARD              shard: i/n
#   BB_RUNS               merge: the run files of the shards (whitespace-separated paths or globs,
#                         relative to the workspace, where the step starts)
#   BB_RUN_FILES          push: the run files and new packs to push, one a line (the run and recover
#                         steps' outputs)
#   BB_SUMMARY            comment: the summary.md the run step left for the comment
#   BB_TOKEN              fetch, push: the token, sent as an HTTP header to that one git command
#   GITHUB_TOKEN          comment: the token `benchboard comment` reads
#   BB_PUSH               false: keep runs local (the push step does nothing; default true)
#
# Writes `bin`, `base-dir` and `base-bin` (build), `run-file`, `report-dir`, `pages-dir` (record), `summary` (compare, for the
# comment step), `regressed` (run) and `run-files` (recover) to GITHUB_OUTPUT when that is set.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
step=${BB_STEP:-run}
case "$step" in fetch|build|run|recover|push|comment) ;;
    *) echo "::error::BB_STEP must be fetch, build, run, recover, push or comment, not '$step'"; exit 2 ;;
esac
mode=${BB_MODE:-auto}
pull_request=false
case "${GITHUB_EVENT_NAME:-push}" in pull_request|pull_request_target) pull_request=true ;; esac
if [ "$mode" = auto ]; then
    if [ "$pull_request" = true ]; then mode=compare; else mode=record; fi
fi
case "$mode" in record|compare|shard|merge) ;; *) echo "::error::mode must be auto, record, compare, shard or merge, not '$mode'"; exit 2 ;; esac
# What happens to the run once it exists: a merge of shards is compared on a pull request and
# recorded otherwise, so one matrix workflow serves both events and never records a PR's run.
publish=$mode
if [ "$mode" = merge ]; then
    if [ "$pull_request" = true ]; then publish=compare; else publish=record; fi
fi

package=${BB_PACKAGE_PATH:-}
config=${BB_CONFIG:-config.toml}
if [ -z "$package" ]; then
    package=$(dirname "$here")
    # benchboard itself runs the workflow's suite: the config is the workspace's.
    case "$config" in /*) ;; *) config="${GITHUB_WORKSPACE:-$PWD}/$config" ;; esac
fi
package=$(cd "$package" && pwd)
product=${BB_PRODUCT:-benchboard}
case "$config" in /*) ;; *) config="$package/$config" ;; esac
if [ ! -f "$config" ]; then
    # The first step says so; the closing steps have nothing to do.
    case "$step" in fetch|build|run) ;; *) exit 0 ;; esac
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
# The repository of the config (the workflow's checkout), not the action's own.
repo=$(git -C "$config_dir" rev-parse --show-toplevel 2>/dev/null || echo "$config_dir")
# The token as an HTTP header for one git command (never written to .git/config), as
# actions/checkout sends it.
git_auth=()
if [ -n "${BB_TOKEN:-}" ]; then
    git_auth=(-c "http.extraheader=AUTHORIZATION: basic $(printf 'x-access-token:%s' "$BB_TOKEN" | base64 -w0)")
fi
# A pull request in compare mode is judged A/B against its base commit, built in a worktree.
ab_wanted=false
if [ "$mode" = compare ] && [ "$pull_request" = true ] && [ "${BB_AB:-true}" != false ] && [ -n "${BB_BASE_SHA:-}" ]; then
    ab_wanted=true
fi
base_tree=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/benchboard-base
# The benchmark executable: built by the build step, or BB_BIN.
built_bin() { echo "${BB_BIN:-$(cd "$package" && swift build -c release --show-bin-path 2>/dev/null || true)}"; }

case "$step" in
fetch)
    # The history branch's runs join the local history, so reports show the trend and pull
    # requests find their baseline. Runs before anything of the workflow's code is built or run.
    [ "$mode" != shard ] || exit 0 # a shard only runs; the merge job reads and extends the history
    mkdir -p "$history"
    # What the job reads decides what comes down. A record renders the whole dashboard: every run.
    # A comparison reads its baseline and the recent window of its machine: the newest runs, and
    # those since the pull request's merge base (its baseline is one of them).
    fetch=(--branch "$branch")
    if [ "$publish" = compare ]; then
        fetch+=(--runs "${BB_FETCH_RUNS:-100}")
        merge_base=${BB_MERGE_BASE:-}
        if [ -z "$merge_base" ] && [ -n "${BB_BASE_BRANCH:-}" ]; then
            merge_base=$(git -C "$repo" merge-base "origin/$BB_BASE_BRANCH" HEAD 2>/dev/null || true)
        fi
        committed=$(git -C "$repo" show -s --format=%ct "$merge_base" 2>/dev/null || true)
        # A day early: the clock of whoever committed is not the runner's.
        [ -z "$committed" ] || fetch+=(--since "$(date -u -d "@$((committed - 86400))" +%Y%m%dT%H%M%SZ)")
    fi
    fetched=0
    BENCHBOARD_FETCH_TOKEN=${BB_TOKEN:-} "$here/fetch-history.sh" --repo "$repo" "${fetch[@]}" "$history" || fetched=$?
    case "$fetched" in
        0) ;;
        # A bad fetch-runs input.
        2) exit 2 ;;
        # The run goes on without the history's runs, as a first run would.
        *) echo "::warning::the history could not be fetched from $branch (see above); this job sees only its own runs" ;;
    esac
    echo "$(find "$history" -maxdepth 1 -name '*.json' | wc -l) run files in the history after fetching $branch"
    # The A/B base: a shallow checkout may not hold the base commit.
    if [ "$ab_wanted" = true ] && ! git -C "$repo" cat-file -e "$BB_BASE_SHA^{commit}" 2>/dev/null; then
        git -c core.hooksPath=/dev/null "${git_auth[@]}" -C "$repo" fetch --quiet --no-tags --depth=1 origin "$BB_BASE_SHA" 2>/dev/null \
            || echo "The base commit $BB_BASE_SHA could not be fetched; the pull request is judged against the history"
    fi
    exit 0
    ;;
build)
    # Release builds of the benchmark executable and of the launcher every isolated child starts through.
    if [ -n "${BB_BIN:-}" ]; then
        bin=$BB_BIN
    else
        echo "::group::swift build -c release ($product, benchboard-launcher, benchboard-github)"
        # benchboard-github is comment's HTTP client, a program of its own so the benchmark
        # executable (also every isolated Swift benchmark's worker) links no HTTP library.
        (cd "$package" && swift build -c release --product "$product" && swift build -c release --product benchboard-launcher \
            && swift build -c release --product benchboard-github)
        bin=$(cd "$package" && swift build -c release --show-bin-path)
        echo "::endgroup::"
    fi
    [ -x "$bin/$product" ] || { echo "::error::no $product in $bin"; exit 2; }
    set_output bin "$bin"
    [ "$ab_wanted" = true ] || exit 0
    # The base commit in a worktree of its own, where its commands run and its package is built.
    # What cannot be had leaves the outputs empty: the run step then judges against the history.
    rm -rf "$base_tree"
    git -C "$repo" worktree prune 2>/dev/null || true
    if ! git -c core.hooksPath=/dev/null -C "$repo" worktree add --quiet --detach "$base_tree" "$BB_BASE_SHA" 2>&1; then
        echo "::warning::the base commit $BB_BASE_SHA cannot be checked out; the pull request is judged against the history"
        exit 0
    fi
    inside() { case "$1" in "$repo") echo "$base_tree" ;; "$repo"/*) echo "$base_tree/${1#"$repo"/}" ;; *) echo "" ;; esac; }
    base_dir=$(inside "$config_dir")
    base_bin=$bin
    if [ -n "${BB_PACKAGE_PATH:-}" ]; then
        base_package=$(inside "$package")
        if [ -z "$base_package" ] || [ ! -f "$base_package/Package.swift" ]; then
            echo "::warning::the base commit has no package at ${BB_PACKAGE_PATH}; the pull request is judged against the history"
            exit 0
        fi
        # Its own scratch folder inside the head's .build: a cached .build keeps it, so the next
        # job's base build is incremental; the dependencies already resolved are reused.
        scratch="$package/.build/benchboard-base"
        mkdir -p "$scratch"
        for folder in checkouts repositories; do
            [ -d "$scratch/$folder" ] || [ ! -d "$package/.build/$folder" ] || cp -a "$package/.build/$folder" "$scratch/$folder"
        done
        echo "::group::swift build -c release --product $product (the base commit ${BB_BASE_SHA:0:7})"
        if ! (cd "$base_package" && swift build -c release --product "$product" --scratch-path "$scratch"); then
            echo "::endgroup::"
            echo "::warning::the base commit does not build; the pull request is judged against the history"
            exit 0
        fi
        echo "::endgroup::"
        base_bin=$(cd "$base_package" && swift build -c release --scratch-path "$scratch" --show-bin-path)
    fi
    if [ -z "$base_dir" ] || [ ! -d "$base_dir" ]; then
        echo "::warning::the base commit has no folder for the config; the pull request is judged against the history"
        exit 0
    fi
    echo "the base commit ${BB_BASE_SHA:0:7} is checked out in $base_tree for an A/B judgement"
    set_output base-dir "$base_dir"
    set_output base-bin "$base_bin"
    exit 0
    ;;
recover)
    # After a failure or a cancel too: a benchboard killed mid-run left its finished results in a
    # journal, and a job has no next run to store them. Never builds.
    bin=$(built_bin)
    if [ ! -x "$bin/$product" ]; then
        echo "benchboard was not built; no run journal to recover"
        exit 0
    fi
    [ -d "$history" ] || exit 0
    stamp=$(mktemp)
    trap 'rm -f "$stamp"' EXIT
    "$bin/$product" recover --history "$history" \
        || echo "::warning::benchboard could not recover every run journal in $history (see above)"
    recovered=$(find "$history" -maxdepth 1 -name '*.json' -newer "$stamp" | sort)
    if [ -n "$recovered" ] && [ -n "${GITHUB_OUTPUT:-}" ]; then
        printf 'run-files<<BENCHBOARD_EOF\n%s\nBENCHBOARD_EOF\n' "$recovered" >>"$GITHUB_OUTPUT"
    fi
    exit 0
    ;;
push)
    [ "$publish" = record ] && [ "${BB_PUSH:-true}" = true ] || exit 0
    runs=()
    while IFS= read -r file; do
        [ -z "$file" ] || runs+=("$file")
    done <<<"${BB_RUN_FILES:-}"
    if [ "${#runs[@]}" -eq 0 ]; then
        echo "no run file to push"
        exit 0
    fi
    BENCHBOARD_PUSH_TOKEN=${BB_TOKEN:-} "$here/push-history.sh" --repo "$repo" --branch "$branch" "${runs[@]}"
    exit 0
    ;;
comment)
    summary=${BB_SUMMARY:-}
    [ -n "$summary" ] && [ -f "$summary" ] || exit 0
    bin=$(built_bin)
    errors=$(mktemp)
    trap 'rm -f "$errors"' EXIT
    if "$bin/$product" comment --repository "${GITHUB_REPOSITORY:?the comment step needs GITHUB_REPOSITORY}" --pull "$BB_PULL" \
        --summary "$summary" 2>"$errors"; then
        # The job summary carries it too, as it does when there is no comment.
        [ -z "${GITHUB_STEP_SUMMARY:-}" ] || cat "$summary" >>"$GITHUB_STEP_SUMMARY"
        exit 0
    fi
    # A pull request from a fork gets a read-only token: the summary goes to the job summary
    # instead, with a notice, and the job does not fail for it.
    cat "$errors" >&2
    reason=$(head -c 1000 "$errors" | tr '\n' ' ' | sed 's/^error: //')
    echo "::notice title=benchboard::The summary is in the job summary: the pull-request comment could not be written. $reason A pull request from a fork gets a read-only token; docs/github-actions-security.md shows how to comment from a workflow_run workflow."
    if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then
        {
            echo "> [!NOTE]"
            echo "> benchboard could not comment on this pull request: ${reason:-the GitHub API refused.}"
            echo "> A pull request from a fork gets a read-only token, so the summary is here instead. To comment on"
            echo "> pull requests from forks, comment from a trusted \`workflow_run\` workflow (see docs/github-actions-security.md)."
            echo
            cat "$summary"
        } >>"$GITHUB_STEP_SUMMARY"
    fi
    exit 0
    ;;
esac

# BB_STEP=run: the benchmarks. This step never holds a token.
bin=$(built_bin)
[ -x "$bin/$product" ] || { echo "::error::no $product in $bin; the build step did not build it"; exit 2; }
benchboard=("$bin/$product")
export BENCHBOARD_LAUNCHER="$bin/benchboard-launcher"
mkdir -p "$history"
stamp=$(mktemp)
trap 'rm -f "$stamp"' EXIT
new_runs() { find "$history" -maxdepth 1 -name '*.json' -newer "$stamp" | sort; }
# The comment step writes the job summary when it comments (see there); otherwise benchboard does.
commenting=false
if [ "$publish" = compare ] && [ "${BB_COMMENT:-true}" = true ] && [ -n "${BB_PULL:-}" ] && [ -n "${GITHUB_REPOSITORY:-}" ]; then
    commenting=true
fi
step_summary=${GITHUB_STEP_SUMMARY:-}
[ "$commenting" = false ] || step_summary=

status=0
# Paths a workflow gives (the merge's run files) are relative to where the step started, the
# workspace, as every path in a workflow is; the config's own paths are relative to its folder.
workspace=$PWD
cd "$config_dir"
if [ "$mode" = compare ] && [ -n "${BB_BASE_DIR:-}" ]; then
    # A/B in this job: the base build and this one alternate on this runner. The head run is stored
    # (marked with its base) for the dashboard, which keeps judging against the history.
    label=${BB_BASE_BRANCH:-base}
    ab_summary=$(mktemp)
    ab=(ab --config "$config" --base-dir "$BB_BASE_DIR" --base-label "$label" --rounds "${BB_AB_ROUNDS:-8}" --record
        --summary "$ab_summary")
    [ -z "${BB_BASE_SHA:-}" ] || ab+=(--base-commit "$BB_BASE_SHA")
    [ -z "${BB_BASE_BIN:-}" ] || ab+=(--base-executable "$BB_BASE_BIN/$product")
    [ "${BB_FAIL_ON_REGRESSION:-false}" != true ] || ab+=(--fail-on-regression)
    verdict=0
    "${benchboard[@]}" "${ab[@]}" || verdict=$?
    if [ "$verdict" -le 1 ] && [ -n "$(new_runs)" ]; then
        run_file=$(new_runs | tail -n 1)
        set_output run-file "$run_file"
        echo "run file: $run_file"
        echo "judged A/B against $label${BB_BASE_SHA:+ @ ${BB_BASE_SHA:0:7}} in this job"
        report=(report --config "$config" --history "$history" --output "$output")
        [ -z "${BB_BASE_BRANCH:-}" ] || report+=(--baseline "branch:$BB_BASE_BRANCH")
        GITHUB_STEP_SUMMARY= "${benchboard[@]}" "${report[@]}" || true
        # The comment and report-dir carry the A/B summary, not the history's.
        cp "$ab_summary" "$output/summary.md"
        rm -f "$ab_summary"
        [ -z "$step_summary" ] || cat "$output/summary.md" >>"$step_summary"
        set_output report-dir "$output"
        [ "$commenting" = false ] || set_output summary "$output/summary.md"
        if [ "${BB_FAIL_ON_REGRESSION:-false}" = true ]; then
            if [ "$verdict" -eq 1 ]; then
                set_output regressed true
                echo "::error::benchmarks failed or regressed against $label (judged A/B in this job)"
            else
                set_output regressed false
            fi
        fi
        exit "$verdict"
    fi
    rm -f "$ab_summary"
    echo "::warning::the pull request could not be judged A/B against $label (see above); it is compared with the history instead"
fi
# The baseline of a pull request: its merge-base commit's run when there is one (--merge-base).
baseline=()
if [ "$publish" = compare ] && [ -n "${BB_BASE_BRANCH:-}" ]; then
    baseline=(--baseline "branch:$BB_BASE_BRANCH")
    merge_base=${BB_MERGE_BASE:-$(git merge-base "origin/$BB_BASE_BRANCH" HEAD 2>/dev/null || true)}
    [ -z "$merge_base" ] || baseline+=(--merge-base "$merge_base")
fi
case "$mode" in
    record|compare|shard)
        args=(run --config "$config")
        case "$mode" in
            record|shard) args+=(--no-report) ;;
            compare) args+=(${baseline[@]+"${baseline[@]}"}) ;;
        esac
        [ "$mode" != shard ] || args+=(--shard "${BB_SHARD:?shard mode needs BB_SHARD (i/n)}")
        # A failed benchmark is a result: the run is kept and pushed, the job fails at the end.
        GITHUB_STEP_SUMMARY=$step_summary "${benchboard[@]}" "${args[@]}" || status=$?
        ;;
    merge)
        read -r -a runs <<<"${BB_RUNS:?merge mode needs BB_RUNS (the shards run files)}"
        files=()
        for pattern in "${runs[@]}"; do
            case "$pattern" in /*) ;; *) pattern="$workspace/$pattern" ;; esac
            # Expanded without word splitting, so a workspace path with a space still matches; a
            # pattern that matches nothing goes to benchboard as it is, which names it.
            matches=$(compgen -G "$pattern" | sort) || matches=$pattern
            while IFS= read -r file; do files+=("$file"); done <<<"$matches"
        done
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

case "$publish" in
    record)
        # Closed months go into packs; the push step sends them with the run, and push-history.sh
        # takes the run files they hold off the data branch in the same commit.
        "${benchboard[@]}" pack --config "$config" --history "$history" \
            || echo "::warning::benchboard could not pack the history (see above); its runs stay run files"
        packs=$(find "$history" -maxdepth 1 -name 'pack-*.jsonl.gz' -newer "$stamp" | sort)
        if [ -n "$packs" ] && [ -n "${GITHUB_OUTPUT:-}" ]; then
            printf 'pack-files<<BENCHBOARD_EOF\n%s\nBENCHBOARD_EOF\n' "$packs" >>"$GITHUB_OUTPUT"
        fi
        # The push step sends the run to the data branch.
        "${benchboard[@]}" report --config "$config" --history "$history" --output "$output"
        set_output report-dir "$output"
        set_output pages-dir "$output"
        ;;
    compare)
        if [ "$mode" = merge ]; then
            report=(report --config "$config" --history "$history" --output "$output")
            report+=(${baseline[@]+"${baseline[@]}"})
            GITHUB_STEP_SUMMARY=$step_summary "${benchboard[@]}" "${report[@]}"
        fi
        set_output report-dir "$output"
        [ "$commenting" = false ] || [ "$status" -gt 1 ] || set_output summary "$output/summary.md"
        if [ "${BB_FAIL_ON_REGRESSION:-false}" = true ] && [ -n "${BB_BASE_BRANCH:-}" ]; then
            verdict=0
            compare=(compare "branch:$BB_BASE_BRANCH" "$run_file" --history "$history" --config "$config" --fail-on-regression)
            [ -z "${merge_base:-}" ] || compare+=(--merge-base "$merge_base")
            "${benchboard[@]}" "${compare[@]}" || verdict=$?
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
