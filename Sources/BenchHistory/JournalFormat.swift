import BenchModel
import Foundation

/// The journal of a run in progress: `<history>/.journal/<run id>.jsonl`, JSON lines. The first
/// line is a `JournalHeader` (the run without results, and the process writing it); each further
/// line is a `BenchmarkResult` holding every round of that benchmark so far, appended and flushed
/// to disk after each round, so a benchmark appears once per round it ran and its last line counts.
/// Loaders never read it as a run: it is in a hidden folder and not named `*.json`.
public struct JournalHeader: Codable, Sendable, Equatable {
    public static let currentFormat = "benchboard.journal/1"

    public var format: String
    /// The process writing the journal: while it lives, the journal is left alone.
    public var owner: ProcessIdentity
    /// The run as it started: identity, selection, config, no benchmarks yet.
    public var run: RunRecord

    public init(owner: ProcessIdentity, run: RunRecord) {
        format = Self.currentFormat
        self.owner = owner
        self.run = run
    }
}

/// A journal read back: every complete line that holds a result, and what was skipped.
struct JournalContents {
    var header: JournalHeader
    var results: [BenchmarkResult]
    /// "line 4 is incomplete (…)", one per line that could not be used.
    var skipped: [String]

    /// The run's benchmarks: the last line of each (it holds all its rounds so far), in the order
    /// they first appeared, which is the order the run planned them in.
    var latestResults: [BenchmarkResult] {
        var position: [String: Int] = [:]
        var latest: [BenchmarkResult] = []
        for result in results {
            if let index = position[result.name] {
                latest[index] = result
            } else {
                position[result.name] = latest.count
                latest.append(result)
            }
        }
        return latest
    }

    /// The JSON of one journal line: compact (a line must hold no newline), sorted keys and the
    /// history's dates.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }

    /// Fails only when the header cannot be read: without it there is no run to store.
    static func parse(_ data: Data) -> Result<JournalContents, JournalProblem> {
        var lines = data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        // A journal ends with a newline when its last write completed; what follows the last
        // newline is a line cut short by the process dying mid-write.
        let tail = lines.removeLast()
        guard let first = lines.first else {
            return .failure(.noHeader("it has no complete first line"))
        }
        let decoder = RunRecordCoding.decoder()
        let header: JournalHeader
        do {
            header = try decoder.decode(JournalHeader.self, from: Data(first))
        } catch {
            return .failure(.noHeader("its first line is not a benchboard journal header (\(explain(error, in: first)))"))
        }
        guard header.format == JournalHeader.currentFormat else {
            return .failure(.noHeader("it is in the format \(SafeText.escaped(header.format)), which this benchboard does not read; recover it with a newer benchboard"))
        }
        var results: [BenchmarkResult] = []
        var skipped: [String] = []
        for (offset, line) in lines.enumerated().dropFirst() {
            do {
                results.append(try decoder.decode(BenchmarkResult.self, from: Data(line)))
            } catch {
                skipped.append("line \(offset + 1) is not a benchmark result (\(explain(error, in: line)))")
            }
        }
        if !tail.isEmpty {
            skipped.append("line \(lines.count + 1) is incomplete (\(tail.count) bytes): benchboard stopped while writing it")
        }
        return .success(JournalContents(header: header, results: results, skipped: skipped))
    }

    /// The syntax error of a line that is not JSON, or the field that does not fit.
    private static func explain(_ error: any Error, in line: Data.SubSequence) -> String {
        let data = Data(line)
        guard (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil else {
            return JSONSyntax.explain(data)
        }
        return (error as? DecodingError).map(RunFileDecoder.describe) ?? "\(error)"
    }
}

/// Why a journal cannot become a run. It is left where it is.
enum JournalProblem: Error {
    case noHeader(String)

    var reason: String {
        switch self {
        case let .noHeader(reason): "cannot recover this run journal: \(reason); it is kept, delete it if the run is not needed"
        }
    }
}
