import BenchModel
import Foundation

/// Brings a run read from a file of an older schema up to the current one, the way asv migrates
/// result files on read. Files are never rewritten: migration happens in memory every time an old
/// file is read. It works on the decoded run, not the JSON, so old files take the fast decoder too.
///
/// Keep the steps chained (/1 → /2 → … → current): each step turns a run of one version into the
/// next.
enum HistoryMigration {
    /// `record`, decoded from a file of schema `version`, as a run of the current schema.
    static func upgrade(_ record: RunRecord, from version: Int) throws(RunFileProblem) -> RunRecord {
        guard version >= HistorySchema.oldestVersion else {
            throw .foreign("unknown schema \(HistorySchema.prefix)\(version)")
        }
        var record = record
        var current = version
        while current < HistorySchema.currentVersion {
            record = step(record, from: current)
            current += 1
        }
        record.schema = HistorySchema.current
        return record
    }

    private static func step(_ record: RunRecord, from version: Int) -> RunRecord {
        switch version {
        case 1:
            // /1 → /2 adds only fields whose absence already says what /1 meant: no `processes`
            // is one process holding every sample (`BenchmarkResult.processRecords`), no
            // `batchSize` is one iteration per sample, no `rounds` is one round. A /1 file that
            // carries any of them was not written by benchboard.
            var record = record
            for index in record.benchmarks.indices {
                record.benchmarks[index].processes = nil
                record.benchmarks[index].batchSize = nil
                record.benchmarks[index].scalingFactor = nil
                record.benchmarks[index].config?.rounds = nil
            }
            record.clockCostNs = nil
            record.ab = nil
            return record
        default:
            return record
        }
    }
}
