import Foundation

/// What `ReportRenderer.writeReport` did in the output folder.
public struct WrittenReport: Sendable {
    /// Every file written, index.html first.
    public var files: [URL]
    /// Pages of the previous render that this one did not write again, deleted.
    public var removed: [URL]
    /// Files the previous render listed that were not deleted, because benchboard cannot tell
    /// they are its own.
    public var kept: [KeptReportFile]

    /// One line per kept file, for the terminal.
    public var warnings: [String] { kept.map(\.warning) }
}
