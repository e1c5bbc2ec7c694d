import Foundation

/// The first line of a pack: which runs it holds and where each one's line ends, so a pack can
/// be checked against what it replaced, and listed, from one small line.
///
/// `runs` is in the order of the lines that follow: oldest first by start time to the
/// nanosecond, then run id (`RunRecord.startsBefore`).
struct PackIndex: Codable, Equatable, Sendable {
    static let currentSchema = "benchboard.pack/1"

    var schema: String
    /// The UTC month of the runs' start times: "2026-01".
    var period: String
    /// 1 for a period's first pack; a later pack of the same period (runs that arrived after it
    /// was packed, or the rest of a period too large for one pack) takes the next number.
    var part: Int
    var runs: [Entry]

    struct Entry: Codable, Equatable, Sendable {
        /// The name the run's file had in the history folder before it was packed.
        var file: String
        var id: String
        /// `RunRecord.startNs`.
        var startNs: Int64
        /// The length in bytes of the run's line, without its line break.
        var bytes: Int
        var commit: String?
        var branch: String?
        var host: String?
    }
}
