#!/usr/bin/env bash
# Builds the release binaries of benchboard for this machine's architecture and packages them:
#
#   dist/benchboard-<version>-linux-<x86_64|aarch64>.tar.gz         benchboard, benchboard-launcher, benchboard-github
#   dist/benchboard-<version>-linux-<x86_64|aarch64>.tar.gz.sha256  its checksum (sha256sum format)
#
# The Swift runtime and Foundation are linked statically (--static-swift-stdlib), so the binaries
# run on a machine without a Swift toolchain; the script refuses a binary that still needs a
# libswift* library. The archive is deterministic: same binaries, same bytes.
#
# Usage: scripts/package-release.sh [--output DIR] [--scratch-path DIR]
#        scripts/package-release.sh --check-tag TAG
#   --output DIR        where the archive goes (default: dist/ in the repository)
#   --scratch-path DIR  SwiftPM's build folder (default: .build)
#   --check-tag TAG     builds nothing: exits 0 when TAG is v<VERSION> and VERSION is a release
#                       (no -dev), 1 with the reason otherwise (the release workflow's first step)
# SOURCE_DATE_EPOCH, when set, is the time stamped on the archive's files (default: the last
# commit's time).
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
output="$root/dist"
scratch="$root/.build"
tag=""
while [ $# -gt 0 ]; do
    case "$1" in
        --output) output=${2:?--output needs a folder}; shift 2 ;;
        --scratch-path) scratch=${2:?--scratch-path needs a folder}; shift 2 ;;
        --check-tag) tag=${2:?--check-tag needs a tag}; shift 2 ;;
        *) echo "usage: $0 [--output DIR] [--scratch-path DIR] | --check-tag TAG" >&2; exit 2 ;;
    esac
done

version=$(tr -d '[:space:]' < "$root/VERSION")
if [ -n "$tag" ]; then
    # A release is the VERSION file's version and nothing else.
    if [ "$tag" != "v$version" ]; then
        echo "error: tag $tag does not match VERSION ($version): set VERSION to ${tag#v} in a commit and tag that commit" >&2
        exit 1
    fi
    if [[ "$version" == *-* ]]; then
        echo "error: $version is a pre-release or development version; a release tag needs X.Y.Z in VERSION" >&2
        exit 1
    fi
    echo "tag $tag matches VERSION"
    exit 0
fi

for tool in swift tar gzip sha256sum ldd file; do
    command -v "$tool" > /dev/null 2>&1 || { echo "error: packaging needs $tool, which is not on PATH" >&2; exit 2; }
done
[ "$(uname -s)" = Linux ] || { echo "error: release binaries are built on Linux only" >&2; exit 2; }
case "$(uname -m)" in
    x86_64 | amd64) arch=x86_64 ;;
    aarch64 | arm64) arch=aarch64 ;;
    *) echo "error: no release binaries for $(uname -m); x86_64 and aarch64 only" >&2; exit 2 ;;
esac

# benchboard-github (comment's HTTP client) links FoundationNetworking, and so libcurl: its static
# build needs libcurl's development files (libcurl.so). Checked with the toolchain's own clang,
# which searches where the Swift link does (LIBRARY_PATH included), so a missing library stops
# here and not after the minutes of building the other two binaries.
clang=$(dirname "$(readlink -f "$(command -v swift)")")/clang
[ -x "$clang" ] || clang=cc
if ! echo 'int main(void) { return 0; }' | "$clang" -x c - -lcurl -o /dev/null > /dev/null 2>&1; then
    echo "error: packaging needs libcurl's development files (benchboard-github links libcurl), and the linker finds no libcurl.so: install them (apt-get install libcurl4-openssl-dev), or put a folder holding libcurl.so in LIBRARY_PATH" >&2
    exit 2
fi

name="benchboard-$version-linux-$arch"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git -C "$root" log -1 --format=%ct 2>/dev/null || echo 0)}

echo "Building $name"
build=(swift build --package-path "$root" --scratch-path "$scratch" -c release --static-swift-stdlib)
"${build[@]}" --product benchboard
"${build[@]}" --product benchboard-launcher
# comment's HTTP client; it links FoundationNetworking, so its static build needs libcurl's
# development files, and it runs with the system's libcurl.
"${build[@]}" --product benchboard-github
bin=$("${build[@]}" --show-bin-path)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir "$stage/$name"
for binary in benchboard benchboard-launcher benchboard-github; do
    cp "$bin/$binary" "$stage/$name/$binary"
    # Debug info and the symbol table are most of a release binary's size and a CI job downloads
    # it every time; Swift's backtracer still names functions from the dynamic symbols kept here.
    if command -v strip > /dev/null 2>&1; then strip --strip-debug "$stage/$name/$binary"; fi
    chmod 0755 "$stage/$name/$binary"
    # Anything the loader would look for in a Swift toolchain makes the binary useless without one.
    libraries=$(ldd "$stage/$name/$binary" 2>&1 || true)
    if grep -E 'libswift|not found' <<< "$libraries"; then
        echo "error: $binary still needs the libraries above; it would not run without a Swift toolchain" >&2
        exit 1
    fi
    echo "$binary: $(file -b "$stage/$name/$binary" | cut -d, -f1-2)"
    echo "$libraries" | sed 's/^/    /'
done
cp "$root/VERSION" "$stage/$name/VERSION"
touch -d "@$SOURCE_DATE_EPOCH" "$stage/$name" "$stage/$name"/*

reported=$("$stage/$name/benchboard" --version)
case "$reported" in
    "benchboard $version "*) ;;
    *) echo "error: the built benchboard reports \"$reported\", but VERSION says $version" >&2; exit 1 ;;
esac

mkdir -p "$output"
# Sorted names, fixed owner and time, no name or time in the gzip header: reproducible bytes.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" --format=gnu \
    -C "$stage" -cf - "$name" | gzip -n -9 > "$output/$name.tar.gz.partial"
mv "$output/$name.tar.gz.partial" "$output/$name.tar.gz"
(cd "$output" && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")

echo "$reported"
echo "$output/$name.tar.gz ($(du -h "$output/$name.tar.gz" | cut -f1))"
cat "$output/$name.tar.gz.sha256"
