#!/bin/sh
# The project's own build, the workflow step before the action: bench/bin/work.
set -e
cd "$(dirname "$0")"
mkdir -p bench/bin
cc -O2 -o bench/bin/work src/work.c
