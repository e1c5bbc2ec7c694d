import BenchBoard

#if canImport(Glibc)
import Glibc
#endif

/// Benchmarks that exercise benchboard itself: the isolation overhead (`noop`), memory
/// accounting, and how crashes, hangs and errors are reported. Used by Benchmarks/config.toml
/// and the tests; the default suite does not run them.
enum DiagnosticBenchmarks {
    static var all: [Benchmark] {
        [
            Benchmark("noop") { _ in },
            Benchmark("allocate-64mib") { _ in
                // Touch every page so the memory is really resident, not just reserved.
                let buffer = [UInt8](repeating: 1, count: 64 << 20)
                blackHole(buffer)
            },
            Benchmark("hash-2k-keys") { _ in
                // Hashing: its cost depends on the per-process seed unless SWIFT_DETERMINISTIC_HASHING is set.
                var keys = Set<String>()
                for number in 0..<2_000 { keys.insert("key-\(number)") }
                blackHole(keys)
            },
            Benchmark("crash-sigsegv") { _ in
                raise(SIGSEGV)
            },
            Benchmark("hang") { _ in
                while true { sleep(1) }
            },
            Benchmark("throws") { _ in
                throw DiagnosticError()
            },
        ]
    }

    struct DiagnosticError: Error, CustomStringConvertible {
        var description: String { "the benchmark threw on purpose" }
    }
}
