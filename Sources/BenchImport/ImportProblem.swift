import BenchModel

/// Why a results file cannot be imported, as a sentence naming the place in the file.
public enum ImportProblem: Error, Sendable, Equatable, CustomStringConvertible {
    case notJSON(String)
    case unreadable(String)
    /// `--format auto` found no format whose shape this file has.
    case unrecognized
    case missing(path: String)
    case wrongShape(path: String, expected: String, found: String)
    case badTime(path: String, value: String)
    /// A time beyond what a run file holds; `limit` in the value's unit ("9223372036 s").
    case timeOutOfRange(path: String, value: String, limit: String)
    /// The same key twice in one object: JSON leaves open which one counts, so neither does.
    case duplicateKey(key: String, path: String)
    /// The file is larger than an import reads (`ImportFile.maxBytes`).
    case tooLarge(bytes: Int64, limit: Int64, runFileLimit: Int64)
    /// A date the history does not accept (`HistoryLimits.dateProblem`); `label` says whose.
    case date(RunDateProblem, label: String)
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
        case let .unreadable(reason):
            "cannot be read: \(reason)"
        case .unrecognized:
            "not output of a known tool (hyperfine --export-json, google-benchmark --benchmark_format=json, "
                + "pytest-benchmark --benchmark-json, package-benchmark --format jsonSmallerIsBetter or jmh); name one with --format"
        case let .missing(path):
            "\"\(path)\" is missing"
        case let .wrongShape(path, expected, found):
            "\(path.isEmpty ? "the document" : "\"\(path)\"") should be \(expected), found \(found)"
        case let .badTime(path, value):
            "\"\(path)\" is \(value): a time must be a finite number, 0 or more"
        case let .timeOutOfRange(path, value, limit):
            "\"\(path)\" is \(value): out of range, a time must be below \(limit) (what a run file holds in nanoseconds)"
        case let .duplicateKey(key, path):
            "the key \"\(key)\" appears twice in \(path.isEmpty ? "the top-level object" : "\"\(path)\""); "
                + "which one counts would be a guess, so the file is refused"
        case let .tooLarge(bytes, limit, runFileLimit):
            "\(UnitFormat.mebibytes(bytes)), over the \(UnitFormat.mebibytes(limit)) an import reads "
                + "(\(ImportFile.inputBytesPerRunFileByte) × the \(UnitFormat.mebibytes(runFileLimit)) limit for a run file, "
                + "[history] max_file_mb); not read"
        case let .date(problem, label):
            "\(problem.summary): \(label) \(problem.detail); the history would skip the run, so it is not imported"
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
