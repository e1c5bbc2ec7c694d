import Foundation

/// Where a benchmark's older runs live: a benchmark page lists its newest runs
/// (`ReportOptions.runTableLimit`); every run before them is one row of an archive page per UTC
/// month, `benchmarks/<slug>/archive/<YYYY-MM>.html`, each row with the anchor of its run id.
/// Links go by run id, so where a run is stored (a loose file or a pack) changes nothing.
///
/// An archive page holds only what does not change once its month is over (no "latest" marker,
/// no links to other months), so the renderer rewrites it only when a run enters or leaves it.
enum RunArchive {
    /// The folder inside a benchmark's own folder (`benchmarks/<slug>/`).
    static let folder = "archive"

    /// The runs of a series that its page no longer lists, oldest first; the rest are in its table.
    static func archived<T>(_ entries: [T], tableLimit: Int) -> ArraySlice<T> {
        entries[..<(entries.count - max(0, min(entries.count, tableLimit)))]
    }

    /// "2026-11": the UTC month a run started in, which names its archive page.
    static func period(of date: Date) -> String {
        String(ReportFormat.day(date).prefix(7))
    }

    /// "run-<id>": the id of a run's row, in the table and in the archive alike. Letters, digits,
    /// "-" and "." are kept; any other byte becomes "_" and two hex digits, so every run id gives
    /// a distinct, valid XML id and URL fragment.
    static func anchor(runID: String) -> String {
        var anchor = "run-"
        anchor.reserveCapacity(runID.utf8.count + 4)
        for byte in runID.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."):
                anchor.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                anchor += "_" + String(byte, radix: 16, uppercase: false).leftPadded(to: 2)
            }
        }
        return anchor
    }

    /// The archive page's file name: "2026-11.html".
    static func fileName(period: String) -> String { period + ".html" }

    /// A month's archive page, relative to the benchmark's page.
    static func href(slug: String, period: String) -> String {
        "\(slug)/\(folder)/\(fileName(period: period))"
    }

    /// Whether `name` is an archive page's file name ("2026-11.html"), for `ReportFileOwnership`.
    static func isFileName(_ name: Substring) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard scalars.count == 12, name.hasSuffix(".html"), scalars[4] == "-" else { return false }
        return (scalars[0..<4] + scalars[5..<7]).allSatisfy { ("0"..."9").contains($0) }
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
