import BenchModel
import Foundation

/// Why a file in the history folder cannot be used; `reason` is the user-facing sentence.
enum RunFileProblem: Error {
    case unreadable(String)
    case notJSON(String)
    case foreign(String)
    case newer(String)
    case invalid(String)
    case notRegular(String)
    case tooLarge(bytes: Int64, limit: Int64)
    case implausible(String)
    /// Dated before the earliest date a run may have, or in the future (`HistoryLimits.dateProblem`).
    case date(RunDateProblem, label: String)
    /// A pack that cannot be read at all: damaged, truncated, or not what its index says.
    case corruptPack(String)

    var reason: String {
        switch self {
        case let .unreadable(detail): "cannot be read: \(detail)"
        case let .notJSON(detail): detail
        case let .foreign(detail): "not a benchboard run file (\(detail))"
        case let .newer(schema):
            "written by a newer benchboard (\(schema); this one reads up to \(HistorySchema.current)): upgrade benchboard "
                + "to read it (the action's `version` input, or the BenchBoard package dependency)"
        case let .invalid(detail): "not a valid \(HistorySchema.current) file: \(detail)"
        case let .notRegular(kind): "not a regular file but \(kind); only regular files are read"
        case let .tooLarge(bytes, limit):
            "\(UnitFormat.mebibytes(bytes)), over the \(UnitFormat.mebibytes(limit)) limit for a run file ([history] max_file_mb); not read"
        case let .implausible(detail): "impossible values: \(detail)"
        case let .date(problem, label): "\(problem.summary): \(label) \(problem.detail)"
        case let .corruptPack(detail):
            "a damaged pack: \(detail); none of its runs is read, and the file is left as it is (restore it from the data branch's history)"
        }
    }

    /// The size rule of the reader, also applied before a run is written: a file of `bytes`
    /// over `limit` is not read.
    static func oversize(_ bytes: Int64, limit: Int64) -> RunFileProblem? {
        bytes > limit ? .tooLarge(bytes: bytes, limit: limit) : nil
    }
}

/// Reads one run file: the schema check, migration of older files, and a precise reason for
/// any file that cannot be used.
enum RunFileDecoder {
    /// Reads and decodes one file: only a regular file within `maxBytes`, and only a run whose
    /// figures are possible and, given `now`, whose dates are ones a run may have
    /// (`HistoryLimits.dateProblem`). Without `now` the dates are not checked: a file named on the
    /// command line is compared as asked; only in a folder would a future date make it "latest"
    /// for good.
    static func read(
        _ url: URL, decoder: JSONDecoder, maxBytes: Int64 = HistoryLimits.defaultMaxFileBytes, now: Date? = nil
    ) -> Result<RunRecord, RunFileProblem> {
        switch RunFileReader.contents(of: url, maxBytes: maxBytes) {
        case let .success(data): return read(data, decoder: decoder, now: now)
        case let .failure(problem): return .failure(problem)
        }
    }

    /// As `read(_:decoder:maxBytes:now:)`, on bytes already read.
    static func read(_ data: Data, decoder: JSONDecoder, now: Date?) -> Result<RunRecord, RunFileProblem> {
        let decoded = decode(data, decoder: decoder)
        if case let .success(record) = decoded, let problem = RunPlausibility.problem(in: record, now: now) {
            return .failure(problem)
        }
        return decoded
    }

    static func decode(_ data: Data, decoder: JSONDecoder) -> Result<RunRecord, RunFileProblem> {
        // The common case decodes once; the schema is checked on the decoded value.
        if let record = RunRecordFastDecoder.decode(data) {
            return check(record.schema, data: data, decoded: record, decoder: decoder)
        }
        // The fast reader stops at a repeated key; JSONDecoder would quietly keep one of them.
        if let duplicate = JSONDuplicateKeys.first(in: data) {
            return .failure(
                .invalid(
                    "the key \"\(duplicate.key)\" appears twice in \(duplicate.path.isEmpty ? "the top-level object" : duplicate.path); "
                        + "which one counts would be a guess"))
        }
        if let record = try? decoder.decode(RunRecord.self, from: data) {
            return check(record.schema, data: data, decoded: record, decoder: decoder)
        }
        // Something is off: find out what, cheapest explanation first.
        let probe: SchemaProbe
        do {
            probe = try decoder.decode(SchemaProbe.self, from: data)
        } catch {
            return .failure(.notJSON(JSONSyntax.explain(data)))
        }
        guard let schema = probe.schema else {
            return .failure(.foreign("no \"schema\" field"))
        }
        return check(schema, data: data, decoded: nil, decoder: decoder)
    }

    private static func check(_ schema: String, data: Data, decoded: RunRecord?, decoder: JSONDecoder)
        -> Result<RunRecord, RunFileProblem>
    {
        guard let version = version(of: schema) else {
            return .failure(.foreign("schema \"\(schema)\""))
        }
        if version > HistorySchema.currentVersion { return .failure(.newer(schema)) }
        if version < HistorySchema.oldestVersion {
            return .failure(.foreign("unknown schema \(HistorySchema.prefix)\(version)"))
        }
        do {
            // Every schema since /1 decodes with today's model (later fields are optional), so
            // an older file is decoded as it is and migrated afterwards.
            let record = try decoded ?? decoder.decode(RunRecord.self, from: data)
            return .success(version < HistorySchema.currentVersion ? try HistoryMigration.upgrade(record, from: version) : record)
        } catch let problem as RunFileProblem {
            return .failure(problem)
        } catch let DecodingError.dataCorrupted(context) where context.codingPath.isEmpty {
            // Not the shape but the JSON itself (JSONDecoder reads lazily, so the schema probe
            // got through): say where it breaks instead of "not valid JSON".
            return .failure(.notJSON(JSONSyntax.explain(data)))
        } catch let error as DecodingError {
            return .failure(.invalid(describe(error)))
        } catch {
            return .failure(.invalid("\(error)"))
        }
    }

    /// "benchboard.run/3" → 3; nil for anything else.
    static func version(of schema: String) -> Int? {
        guard schema.hasPrefix(HistorySchema.prefix) else { return nil }
        return Int(schema.dropFirst(HistorySchema.prefix.count))
    }

    /// "missing \"machine\"", "benchmarks[2].samplesNs[0]: expected Int64, found a string".
    static func describe(_ error: DecodingError) -> String {
        switch error {
        case let .keyNotFound(key, context):
            let path = pathText(context.codingPath)
            return "missing \"\(key.stringValue)\"" + (path.isEmpty ? "" : " in \(path)")
        case let .valueNotFound(type, context):
            return "\(pathText(context.codingPath)): null where \(type) was expected"
        case let .typeMismatch(type, context):
            return "\(pathText(context.codingPath)): expected \(type) (\(context.debugDescription))"
        case let .dataCorrupted(context):
            let path = pathText(context.codingPath)
            return (path.isEmpty ? "" : "\(path): ") + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }

    private static func pathText(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    private struct SchemaProbe: Decodable {
        var schema: String?

        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: Key.self)
            schema = try? container.decodeIfPresent(String.self, forKey: .schema)
        }

        private enum Key: String, CodingKey { case schema }
    }
}
