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

# package-benchmark (ordo-one/benchmark 1.38.1, in the SwiftPM package list): a scratch package
# around package_benchmark_tiny.swift, exported as jmh (every wall-clock value, µs) and as
# jsonSmallerIsBetter (one p99 value per metric). The first build takes several minutes.
if [ "${SKIP_PACKAGE_BENCHMARK:-}" = "" ]; then
    mkdir -p "$work/pb/Benchmarks/Tiny"
    cp package_benchmark_tiny.swift "$work/pb/Benchmarks/Tiny/Tiny.swift"
    cat > "$work/pb/Package.swift" <<'SWIFT'
// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "pbfix",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(url: "https://github.com/ordo-one/benchmark", exact: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Tiny",
            dependencies: [.product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/Tiny",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
SWIFT
    (
        cd "$work/pb"
        swift package --allow-writing-to-package-directory benchmark --format jmh --path exports --no-progress >/dev/null
        swift package --allow-writing-to-package-directory benchmark --format jsonSmallerIsBetter --path exports --no-progress >/dev/null
    )
    cp "$work/pb/exports/Current_run.jmh.json" "$here/package-benchmark-jmh.json"
    cp "$work/pb/exports/Current_run.json" "$here/package-benchmark.json"
    chmod 644 "$here"/package-benchmark*.json
fi
