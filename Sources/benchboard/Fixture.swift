/// An input built on first use. Benchmarks build their fixtures in `setup`, so starting
/// benchboard (and every worker) never pays for the inputs of benchmarks it does not run.
final class Fixture<Value>: @unchecked Sendable {
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
