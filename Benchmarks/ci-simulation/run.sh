#!/usr/bin/env bash
# The CI simulation: the GitHub Action's steps for a scratch project with command benchmarks, job
# after job (push, second push, a pull request with a 2x slowdown, the same pull request fixed, a
# matrix of shards merged and compared on a pull request and merged and recorded on a push), with
# the prebuilt path: every job downloads the release tarball from a local HTTP server standing in
# for the release host and verifies its checksum; none may build benchboard. Prints the seconds of
# each job's steps and checks the outcomes (simulate.py says which). Not part of `swift test`.
#
#   Benchmarks/ci-simulation/run.sh
#
# Environment:
#   CISIM_TARBALL  an already packaged benchboard-<version>-linux-<arch>.tar.gz (its .sha256 beside
#                  it, or made here): nothing is built. Default: package one now (several minutes)
#   CISIM_VERSION  the release version to package and install (default: VERSION without -dev)
#   CISIM_SCRATCH  SwiftPM's build folder for packaging (default: $TMPDIR/benchboard-cisim-build),
#                  and beside it the copy of the sources it builds (.source); both are kept, so a
#                  second packaging is incremental
#   CISIM_WORK     the simulation's scratch folder, kept for a look afterwards (default: a
#                  temporary folder, removed)
#   CISIM_JSON     also write the figures of every job to this JSON file
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
tmp=${TMPDIR:-/tmp}
version=${CISIM_VERSION:-$(tr -d '[:space:]' < "$root/VERSION")}
version=${version%-dev}
python3 -c 'import yaml' 2>/dev/null || { echo "error: the simulation reads action.yml with PyYAML: pip install pyyaml" >&2; exit 2; }
command -v cc > /dev/null || { echo "error: the scratch project's program is built with cc, which is not on PATH" >&2; exit 2; }

dist=$(mktemp -d "$tmp/benchboard-cisim-dist.XXXXXX")
trap 'rm -rf "$dist"' EXIT
if [ -n "${CISIM_TARBALL:-}" ]; then
    [ -f "$CISIM_TARBALL" ] || { echo "error: CISIM_TARBALL: no file at $CISIM_TARBALL" >&2; exit 2; }
    name=$(basename "$CISIM_TARBALL")
    case "$name" in
        "benchboard-$version-linux-"*.tar.gz) ;;
        *) echo "error: CISIM_TARBALL is $name, not a benchboard-$version-linux-<arch>.tar.gz (set CISIM_VERSION to its version)" >&2; exit 2 ;;
    esac
    cp "$CISIM_TARBALL" "$dist/"
    if [ -f "$CISIM_TARBALL.sha256" ]; then cp "$CISIM_TARBALL.sha256" "$dist/"; else (cd "$dist" && sha256sum "$name" > "$name.sha256"); fi
    echo "Using $CISIM_TARBALL"
else
    # A release is packaged from a tree whose VERSION says so: a copy of this checkout (its
    # tracked and new files, as they are now) with VERSION set to the release version. The copy
    # stays beside the build folder and is updated in place (same files, same times), so a second
    # packaging rebuilds only what changed.
    scratch=${CISIM_SCRATCH:-$tmp/benchboard-cisim-build}
    source=$scratch.source
    mkdir -p "$source"
    want=$(mktemp) have=$(mktemp)
    trap 'rm -rf "$dist" "$want" "$have"' EXIT
    (cd "$root" && git ls-files -z --cached --others --exclude-standard | sort -zu) > "$want"
    while IFS= read -r -d '' file; do
        [ ! -f "$root/$file" ] || [ "$file" = VERSION ] || (cd "$root" && cp -p --parents -- "$file" "$source/")
    done < "$want"
    (cd "$source" && find . -type f -printf '%P\0' | sort -zu) > "$have"
    comm -z -23 "$have" "$want" | (cd "$source" && xargs -0 -r rm -f --)
    [ "$(cat "$source/VERSION" 2>/dev/null)" = "$version" ] || echo "$version" > "$source/VERSION"
    # benchboard-github links libcurl. Without its development files, the runtime library is
    # linked through a folder on LIBRARY_PATH holding a libcurl.so that points at it.
    if ! echo 'int main(void) { return 0; }' | cc -x c - -lcurl -o /dev/null 2>/dev/null; then
        runtime=$(ldconfig -p | awk '/libcurl\.so\.4 / { print $NF; exit }')
        if [ -n "$runtime" ]; then
            mkdir -p "$scratch.libcurl" && ln -sfn "$runtime" "$scratch.libcurl/libcurl.so"
            export LIBRARY_PATH="$scratch.libcurl${LIBRARY_PATH:+:$LIBRARY_PATH}"
            echo "No libcurl development files: linking $runtime through LIBRARY_PATH"
        fi
    fi
    started=$(date +%s)
    SOURCE_DATE_EPOCH=$(git -C "$root" log -1 --format=%ct) "$source/scripts/package-release.sh" \
        --output "$dist" --scratch-path "$scratch"
    echo "Packaged in $(($(date +%s) - started)) s (not part of any job: a release is built once, by the release workflow)"
fi

args=(--action "$root" --dist "$dist" --version "$version")
[ -z "${CISIM_WORK:-}" ] || args+=(--work "$CISIM_WORK" --keep)
[ -z "${CISIM_JSON:-}" ] || args+=(--json "$CISIM_JSON")
python3 "$here/simulate.py" "${args[@]}"
