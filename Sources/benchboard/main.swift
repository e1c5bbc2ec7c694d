import BenchBoard

// The default suite's Swift benchmarks (config.toml refers to them by name) plus the ones
// benchboard uses to check itself (Benchmarks/config.toml and the tests).
BenchBoard.main(ExampleBenchmarks.all + DiagnosticBenchmarks.all)
