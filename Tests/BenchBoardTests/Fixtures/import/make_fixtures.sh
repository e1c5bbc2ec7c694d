#!/usr/bin/env bash
# Re-makes the import fixtures with the real tools. Needs hyperfine and libbenchmark-dev
# (apt-get install hyperfine libbenchmark-dev), g++, python3 with pytest-benchmark
# (pip install pytest-benchmark) and git. The tests only read the committed output; none of
# these tools is needed to run them.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# hyperfine: two commands, a few runs each; `times` are seconds per run.
hyperfine -N --style none --warmup 1 --runs 5 --export-json hyperfine.json \
    -n 'sleep 0.01' 'sleep 0.01' -n 'true' 'true' >/dev/null

# google-benchmark: 5 repetitions give 5 samples per benchmark plus the mean, median, stddev
# and cv aggregates, which are not benchmarks. BM_VectorSum reports in microseconds.
g++ -O2 -std=c++17 -o "$work/tiny_benchmark" tiny_benchmark.cpp -lbenchmark -lpthread
"$work/tiny_benchmark" --benchmark_repetitions=5 --benchmark_min_time=0.01 \
    --benchmark_format=json --benchmark_out_format=json --benchmark_out=google-benchmark.json >/dev/null

# pytest-benchmark, inside a scratch git repository so commit_info names a commit.
# --benchmark-json keeps every round's time in stats.data; --benchmark-save (without
# --benchmark-save-data) writes stats only: both shapes are imported.
cp test_tiny.py "$work/"
(
    cd "$work"
    git init -q -b main .
    git add test_tiny.py
    git -c user.name=fixture -c user.email=fixture@example.invalid commit -q -m "Tiny pytest-benchmark suite"
    python3 -m pytest -q -p no:cacheprovider test_tiny.py --benchmark-json=pytest-benchmark.json \
        --benchmark-storage="file://$work/storage" --benchmark-save=stats-only >/dev/null
)
cp "$work/pytest-benchmark.json" "$here/pytest-benchmark.json"
cp "$work"/storage/*/0001_stats-only.json "$here/pytest-benchmark-stats-only.json"
