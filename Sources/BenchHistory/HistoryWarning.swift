import Foundation

/// A file in the history folder that was skipped, and why. Loading never fails on one bad file:
/// a history is years of runs, and one truncated write must not hide the rest.
public struct HistoryWarning: Sendable, Equatable, CustomStringConvertible {
    public var url: URL
    public var reason: String
    /// Whether the file was left out; false for a file that was read but needs a look (a copy).
    public var skipped: Bool

    public init(url: URL, reason: String, skipped: Bool = true) {
        self.url = url
        self.reason = reason
        self.skipped = skipped
    }

    /// "output/history/x.json: skipped: not valid JSON at line 3, column 7 (…)"
    public var description: String {
        "\(DisplayPath.of(url)): \(skipped ? "skipped: " : "")\(reason)"
    }
}
