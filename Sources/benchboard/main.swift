import BenchBoard

// The default suite's Swift benchmarks (config.toml refers to them by name) plus the ones
// benchboard uses to check itself (Benchmarks/config.toml and the tests), and package-benchmark-
// shaped ones the tests run end to end.
BenchBoard.main(ExampleBenchmarks.all + DiagnosticBenchmarks.all + BenchBoard.collect(MigrationBenchmarks.register))
