#!/bin/sh
# Builds and tests the portable path on Linux: the build macOS gets, forced here with
# -DBENCHBOARD_PORTABLE. No launcher, no fork server, no cgroups or subreaper: command benchmarks
# run through PosixSpawner, swift benchmarks in-process (mode fallback). Tests of the Linux
# isolation skip themselves (skipWithoutIsolation); the tests of the portable path run.
#
# Its own scratch folder, so the normal build in .build stays as it is. Extra arguments go to
# `swift test` (e.g. --filter PosixSpawnerTests).
set -eu
cd "$(dirname "$0")/.."

scratch=.build-portable
swift build --build-tests --scratch-path "$scratch" -Xswiftc -DBENCHBOARD_PORTABLE
swift test --skip-build --scratch-path "$scratch" -Xswiftc -DBENCHBOARD_PORTABLE "$@"
