import Foundation

/// A file in the history folder that was skipped, and why. Loading never fails on one bad file:
/// a history is years of runs, and one truncated write must not hide the rest.
public struct HistoryWarning: Sendable, Equatable, CustomStringConvertible {
    public var url: URL
    public var reason: String

    public init(url: URL, reason: String) {
        self.url = url
        self.reason = reason
    }

    /// "output/history/x.json: skipped: not valid JSON at line 3, column 7 (…)"
    public var description: String {
        "\(DisplayPath.of(url)): skipped: \(reason)"
    }
}
