#!/bin/sh
# Builds the suite's static C reference (static-true/main.c) into ../.build/static-true, once.
# SwiftPM cannot link a target statically without unsafe flags, which would make the package
# unusable as a dependency, so the suite builds it with the system's C compiler instead.
set -e
cd "$(dirname "$0")/.."
out=../.build/static-true
if [ -x "$out" ] && [ "$out" -nt static-true/main.c ]; then exit 0; fi
mkdir -p ../.build
${CC:-cc} -O2 -static -o "$out" static-true/main.c
