import BenchBoard

// The default suite's Swift benchmarks (config.toml refers to them by name). Registered as
// diagnostic: the ones benchboard uses to check itself (Benchmarks/config.toml and the tests) and
// package-benchmark-shaped ones the tests run end to end; they run when a config names them, but
// are not offered to users as examples.
BenchBoard.main(
    ExampleBenchmarks.all,
    diagnostics: DiagnosticBenchmarks.all + BenchBoard.collect(MigrationBenchmarks.register))
