import Foundation

/// Where older runs live. runs.html and each benchmark page list the newest runs
/// (`ReportOptions.runTableLimit`); every run is also listed, once, in the archive of its UTC
/// quarter: `runs/<YYYY>-Q<n>.html` (one row per run: date, commit, outcome counts, its JSON) and
/// `runs/<YYYY>-Q<n>.csv` (one row per run, one column per benchmark: the medians). Archives are
/// written for the quarters of runs that runs.html no longer lists.
///
/// Why runs and not benchmarks: the runs × benchmarks cells are what grows with the history. A
/// page per benchmark and period repeats each run's date and commit once per benchmark (300
/// times for 300 benchmarks); the quarter's CSV names each run once and gives each benchmark a
/// column, a few bytes a cell.
///
/// Links to a run go by run id (`anchor`), so where a run is stored (a loose file or a pack)
/// changes nothing. An archive holds only what does not change once its quarter is over (no
/// "latest" marker, no links to other quarters), so the renderer rewrites it only when a run
/// enters or leaves it, or moves into a pack.
enum RunArchive {
    /// The folder of the run archives, inside the output folder.
    static let folder = "runs"
    /// The folder per-benchmark archives of earlier versions were written to
    /// (`benchmarks/<slug>/archive/<YYYY-MM>.html`): recognised so their stale pages are removed.
    static let legacyFolder = "archive"

    /// The entries of a series that its page no longer lists, oldest first; the rest are in its table.
    static func archived<T>(_ entries: [T], tableLimit: Int) -> ArraySlice<T> {
        entries[..<(entries.count - max(0, min(entries.count, tableLimit)))]
    }

    /// The quarters that get an archive: those of the runs runs.html no longer lists, oldest first.
    static func periods(_ runs: [HistoryIndex.RunInfo], tableLimit: Int) -> [String] {
        var seen: Set<String> = []
        var periods: [String] = []
        // By index: iterating the runs would copy each one, retaining all its fields.
        for index in archived(runs, tableLimit: tableLimit).indices where seen.insert(runs[index].period).inserted {
            periods.append(runs[index].period)
        }
        return periods.sorted()
    }

    /// "2026-Q4": the UTC quarter a run started in, which names its archive.
    static func period(of date: Date) -> String {
        let day = ReportFormat.day(date)
        let month = Int(day.dropFirst(5).prefix(2)) ?? 1
        return "\(day.prefix(4))-Q\((month - 1) / 3 + 1)"
    }

    /// "run-<id>": the id of a run's row, in the tables and in the archive alike. Letters, digits,
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

    /// The quarter's run list: "2026-Q4.html".
    static func pageName(period: String) -> String { period + ".html" }

    /// The quarter's medians: "2026-Q4.csv".
    static func dataName(period: String) -> String { period + ".csv" }

    /// A quarter's run list, relative to the output folder.
    static func href(period: String) -> String { "\(folder)/\(pageName(period: period))" }

    /// Whether `name` is a run archive's file name ("2026-Q4.html" or "2026-Q4.csv"), for `ReportFileOwnership`.
    static func isFileName(_ name: Substring, suffix: String) -> Bool {
        let scalars = Array(name.unicodeScalars)
        guard name.hasSuffix(suffix), scalars.count == 7 + suffix.count, scalars[4] == "-", scalars[5] == "Q",
            ("1"..."4").contains(scalars[6])
        else { return false }
        return scalars[0..<4].allSatisfy { ("0"..."9").contains($0) }
    }

    /// Whether `name` is a per-benchmark monthly archive page of earlier versions ("2026-11.html").
    static func isLegacyFileName(_ name: Substring) -> Bool {
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
