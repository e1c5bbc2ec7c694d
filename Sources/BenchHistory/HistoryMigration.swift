import BenchModel
import Foundation

/// Brings a run file written under an older schema up to the current one before decoding, the
/// way asv migrates result files on read. Files are never rewritten: migration happens in memory
/// every time an old file is read.
///
/// Only `benchboard.run/1` exists so far. When /2 arrives, add a step here that turns a /1 JSON
/// object into a /2 one (rename or fill fields), and keep the steps chained: /1 → /2 → … → current.
enum HistoryMigration {
    /// The JSON of a file of schema `version` (older than current), upgraded to the current schema.
    static func upgrade(_ data: Data, from version: Int) throws(RunFileProblem) -> Data {
        guard version >= 1 else {
            throw .foreign("unknown schema \(HistorySchema.prefix)\(version)")
        }
        // Each step rewrites the JSON object one version up.
        var data = data
        var current = version
        while current < HistorySchema.currentVersion {
            data = try step(data, from: current)
            current += 1
        }
        return data
    }

    private static func step(_ data: Data, from version: Int) throws(RunFileProblem) -> Data {
        // No version before the current one exists yet.
        throw .invalid("no migration from \(HistorySchema.prefix)\(version)")
    }
}
