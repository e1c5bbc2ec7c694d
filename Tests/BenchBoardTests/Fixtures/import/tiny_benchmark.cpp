// A tiny google-benchmark program whose JSON output is the import test fixture.
#include <benchmark/benchmark.h>
#include <string>
#include <vector>

static void BM_StringCopy(benchmark::State& state) {
    std::string source(64, 'x');
    for (auto _ : state) {
        std::string copy(source);
        benchmark::DoNotOptimize(copy);
    }
}
BENCHMARK(BM_StringCopy);

static void BM_VectorSum(benchmark::State& state) {
    std::vector<int> values(static_cast<size_t>(state.range(0)), 1);
    for (auto _ : state) {
        long sum = 0;
        for (int v : values) sum += v;
        benchmark::DoNotOptimize(sum);
    }
}
BENCHMARK(BM_VectorSum)->Arg(64)->Unit(benchmark::kMicrosecond);

BENCHMARK_MAIN();
