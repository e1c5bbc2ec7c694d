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
    /// Set when the page cache could not be written.
    public var pageCacheWarning: String?
    /// Pages the page cache let the render skip, and pages it rendered under a key (those it can
    /// skip next time); both 0 without a page cache.
    public var reusedPages = 0
    public var renderedPages = 0

    public init(files: [URL], removed: [URL], kept: [KeptReportFile]) {
        self.files = files
        self.removed = removed
        self.kept = kept
    }

    /// One line per kept file, for the terminal, and the page cache's problem if it had one.
    public var warnings: [String] { kept.map(\.warning) + (pageCacheWarning.map { [$0] } ?? []) }
}
