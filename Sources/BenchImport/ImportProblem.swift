/// Why a results file cannot be imported, as a sentence naming the place in the file.
public enum ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(String)
    /// `--format auto` found no format whose shape this file has.
    case unrecognized
    case missing(path: String)
    case wrongShape(path: String, expected: String, found: String)
    case badTime(path: String, value: String)
    case unknownUnit(path: String, unit: String)
    case noBenchmarks(format: String)
    case duplicate(name: String)
    case mixedFormats(this: String, before: String)
    case alsoIn(name: String, file: String)
    case namedTwice
    case other(path: String, reason: String)

    public var description: String {
        switch self {
        case let .notJSON(detail):
            detail
        case .unrecognized:
            "not output of a known tool (hyperfine --export-json, google-benchmark --benchmark_format=json, "
                + "pytest-benchmark --benchmark-json, package-benchmark --format jsonSmallerIsBetter or jmh); name one with --format"
        case let .missing(path):
            "\"\(path)\" is missing"
        case let .wrongShape(path, expected, found):
            "\(path.isEmpty ? "the document" : "\"\(path)\"") should be \(expected), found \(found)"
        case let .badTime(path, value):
            "\"\(path)\" is \(value): a time must be a finite number, 0 or more"
        case let .unknownUnit(path, unit):
            "\"\(path)\" is \"\(unit)\", not a time unit this importer knows"
        case let .noBenchmarks(format):
            "no benchmarks in this \(format) file"
        case let .duplicate(name):
            "the benchmark \"\(name)\" appears twice"
        case let .mixedFormats(this, before):
            "this is \(this) output, the files before it \(before); import each format in a call of its own"
        case let .alsoIn(name, file):
            "the benchmark \"\(name)\" is also in \(file); one run holds each benchmark once"
        case .namedTwice:
            "named twice"
        case let .other(path, reason):
            "\"\(path)\" \(reason)"
        }
    }
}
