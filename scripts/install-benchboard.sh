#!/usr/bin/env bash
# Installs a prebuilt, checksummed benchboard release for the action, so a CI job needs no Swift
# toolchain and no build. Every input comes from the environment:
#
#   BB_VERSION                   the release to install (default: the VERSION file next to this
#                                script, i.e. the action's own version)
#   BB_BIN                       a folder already holding benchboard, benchboard-launcher and
#                                benchboard-github:
#                                nothing to install
#   BB_PACKAGE_PATH              the Swift package whose own executable runs the benchmarks: it is
#                                built from source, so nothing to install
#   BENCHBOARD_RELEASE_BASE_URL  where the release's files are (default: the GitHub release
#                                download folder of the action's repository for tag v<version>)
#   BENCHBOARD_RELEASE_REPOSITORY owner/name of that repository (default: taken from the action's
#                                path on the runner)
#   BB_INSTALL_DIR               where to unpack (default: $RUNNER_TEMP or the temp folder)
#
# A version ending in -dev (the main branch) has no release: nothing is installed and the action
# builds benchboard from source. Otherwise downloads benchboard-<version>-linux-<arch>.tar.gz and
# its .sha256, refuses a checksum mismatch, unpacks, and prints `BB_BIN=<folder>` (also written as
# the step output `bin` when GITHUB_OUTPUT is set).
#
# Exit status: 0 installed or nothing to do; 1 download, checksum or unpacking failed; 2 bad input.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)

fail() { echo "::error::$2" >&2; exit "$1"; }
say_bin() {
    echo "BB_BIN=$1"
    if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "bin=$1" >> "$GITHUB_OUTPUT"; fi
}

if [ -n "${BB_BIN:-}" ]; then
    echo "bb-bin is set: using the benchboard in $BB_BIN"
    say_bin "$BB_BIN"
    exit 0
fi
if [ -n "${BB_PACKAGE_PATH:-}" ]; then
    echo "package-path is set: its own benchmark executable is built from source"
    exit 0
fi

version=${BB_VERSION:-}
if [ -z "$version" ]; then
    [ -r "$here/../VERSION" ] || fail 2 "no version given and no VERSION file next to $here"
    version=$(tr -d '[:space:]' < "$here/../VERSION")
fi
if ! [[ "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.]+)?$ ]]; then
    fail 2 "version \"$version\" is not a release version such as 1.2.3 (or 1.2.3-dev to build from source)"
fi
if [[ "$version" == *-dev ]]; then
    echo "benchboard $version is a development version with no release: building from source"
    exit 0
fi

# Prebuilt binaries exist for Linux on x86_64 and aarch64 only; elsewhere build from source.
system=$(uname -s)
case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) arch="" ;;
esac
if [ "$system" != Linux ] || [ -z "$arch" ]; then
    echo "::notice::no prebuilt benchboard for $system $(uname -m): building from source"
    exit 0
fi

# Every tool this script calls, checked before anything is downloaded.
if command -v curl > /dev/null 2>&1; then
    fetch() { curl --fail --silent --show-error --location --retry 3 --output "$2" "$1"; }
elif command -v wget > /dev/null 2>&1; then
    fetch() { wget --quiet --tries=3 --output-document="$2" "$1"; }
elif command -v swift > /dev/null 2>&1; then
    # The swift:* container images remove the curl program after installing Swift, and have the
    # toolchain to build with: a slower job beats a failed one.
    echo "::notice::no curl or wget to download benchboard $version: building it from source with the Swift toolchain here"
    exit 0
else
    fail 2 "installing benchboard $version needs curl or wget, and neither is on PATH: install one (in a swift:* container: apt-get update && apt-get install -y curl), or set bb-bin to a benchboard already on the runner"
fi
for tool in tar gzip sha256sum mktemp; do
    command -v "$tool" > /dev/null 2>&1 \
        || fail 2 "installing benchboard $version needs $tool, which is not on PATH: install it, or set bb-bin to a benchboard already on the runner"
done

name="benchboard-$version-linux-$arch"
base=${BENCHBOARD_RELEASE_BASE_URL:-}
if [ -z "$base" ]; then
    repository=${BENCHBOARD_RELEASE_REPOSITORY:-}
    if [ -z "$repository" ] && [[ "${GITHUB_ACTION_PATH:-}" =~ /_actions/([^/]+)/([^/]+)/[^/]+$ ]]; then
        # The runner checks an action out as _actions/<owner>/<name>/<ref>.
        repository="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
    fi
    [ -n "$repository" ] \
        || fail 2 "cannot tell which repository publishes benchboard $version: set BENCHBOARD_RELEASE_BASE_URL or BENCHBOARD_RELEASE_REPOSITORY, or set bb-bin"
    base="https://github.com/$repository/releases/download/v$version"
fi
base=${base%/}

destination=${BB_INSTALL_DIR:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/benchboard-$version}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "Downloading $base/$name.tar.gz"
fetch "$base/$name.tar.gz" "$work/$name.tar.gz" \
    || fail 1 "could not download $base/$name.tar.gz (see above): is benchboard $version released for linux-$arch?"
fetch "$base/$name.tar.gz.sha256" "$work/$name.tar.gz.sha256" \
    || fail 1 "could not download the checksum $base/$name.tar.gz.sha256 (see above); an unverified benchboard is never installed"

expected=$(awk 'NR == 1 { print $1 }' "$work/$name.tar.gz.sha256")
actual=$(sha256sum "$work/$name.tar.gz" | awk '{ print $1 }')
if ! [[ "$expected" =~ ^[0-9a-f]{64}$ ]]; then
    fail 1 "$name.tar.gz.sha256 holds no SHA-256 checksum; the download is refused"
fi
if [ "$expected" != "$actual" ]; then
    fail 1 "checksum mismatch for $name.tar.gz: expected $expected, got $actual. The file is refused; nothing was installed"
fi
echo "Checksum verified: $actual"

# Unpacked beside the destination and moved into place, so a failed unpack leaves nothing half-done.
mkdir -p "$(dirname "$destination")"
tar -xzf "$work/$name.tar.gz" -C "$work" || fail 1 "could not unpack $name.tar.gz (see above)"
for binary in benchboard benchboard-launcher benchboard-github; do
    [ -x "$work/$name/$binary" ] || fail 1 "$name.tar.gz holds no executable $name/$binary"
done
rm -rf "$destination"
mv "$work/$name" "$destination"

# The binary runs here and is the version asked for.
reported=$("$destination/benchboard" --version) || fail 1 "the installed $destination/benchboard does not run (see above)"
case "$reported" in
    "benchboard $version "* | "benchboard $version") ;;
    *) fail 1 "the installed benchboard reports \"$reported\", not version $version" ;;
esac
echo "Installed $reported in $destination"
say_bin "$destination"
