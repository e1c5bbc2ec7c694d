extension Benchmark {
    /// `Benchmark.blackHole(_:)`, as package-benchmark spells it where another module also
    /// defines a free `blackHole`: consumes a value so the optimizer cannot drop its work.
    @inline(never)
    public static func blackHole<T>(_ value: T) {
        withExtendedLifetime(value) {}
    }
}
