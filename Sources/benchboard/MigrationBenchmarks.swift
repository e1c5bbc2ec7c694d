import BenchBoard

/// Benchmarks written the way package-benchmark users write them (setup handing state to the
/// closure, async closures, scaling factors, limits), so the tests run these shapes end to end
/// in isolated workers. Each checks what it was handed and throws when it is wrong.
enum MigrationBenchmarks {
    /// Registered through `BenchBoard.main(collecting:)`'s collector, as package-benchmark's
    /// `let benchmarks = { … }` is.
    static let register: @Sendable () -> Void = {
        let tableSize = 1_000
        func makeTable() -> [String: Int] {
            Dictionary(uniqueKeysWithValues: (0..<tableSize).map { ("key-\($0)", $0) })
        }

        Benchmark("pb-setup-state") { benchmark, table in
            guard table.count == tableSize else { throw MigrationCheck("setup handed \(table.count) entries") }
            for _ in benchmark.scaledIterations {
                blackHole(table["key-500"])
            }
        } setup: {
            makeTable()
        }

        Benchmark(
            "pb-scaling-kilo",
            configuration: .init(metrics: BenchmarkMetric.all, scalingFactor: .kilo, maxDuration: .seconds(5), maxIterations: 50)
        ) { benchmark in
            var repetitions = 0
            for _ in benchmark.scaledIterations { repetitions += 1 }
            guard repetitions == 1_000 else { throw MigrationCheck("scaledIterations ran \(repetitions) times") }
        }

        Benchmark("pb-async-sleep") { _ in
            try await Task.sleep(nanoseconds: 2_000_000)
        }

        Benchmark("pb-async-state") { benchmark, numbers in
            let sum = await Task { numbers.reduce(0, +) }.value
            guard sum == 5_050 else { throw MigrationCheck("async setup handed numbers summing to \(sum)") }
            benchmark.startMeasurement()
            blackHole(numbers.sorted())
            benchmark.stopMeasurement()
        } setup: {
            await Task { Array(1...100) }.value
        } teardown: {
            await Task.yield()
        }
    }

    struct MigrationCheck: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
