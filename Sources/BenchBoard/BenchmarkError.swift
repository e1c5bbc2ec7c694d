/// Why a benchmark written with the library could not run an iteration.
public enum BenchmarkError: Error, CustomStringConvertible {
    /// The closure that takes setup's result ran without setup having run first.
    case setupDidNotRun(benchmark: String)
    case asyncWorkVanished

    public var description: String {
        switch self {
        case let .setupDidNotRun(name):
            return "Benchmark '\(name)' ran an iteration before its setup; the setup's result is missing."
        case .asyncWorkVanished:
            return "An async benchmark closure ended without a result."
        }
    }
}
