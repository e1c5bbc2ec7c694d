/// An input built on first use. Benchmarks build their fixtures in `setup`, so starting
/// benchboard (and every worker) never pays for the inputs of benchmarks it does not run.
///
/// Not `Sendable`, and it needs no lock: only the closures of its own benchmark capture it, and
/// they run one after another (see `BenchmarkCode`).
final class Fixture<Value> {
    private let make: () -> Value
    private var cached: Value?

    init(_ make: @escaping () -> Value) {
        self.make = make
    }

    var value: Value {
        if let cached { return cached }
        let made = make()
        cached = made
        return made
    }
}
